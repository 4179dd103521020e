import { createHash } from 'node:crypto';

const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A ULID-shaped id that is the same every time for the same parent id and key: the time part
 * of the parent, then 80 bits of a hash. A retried job therefore writes the same suggestion or
 * task ids again (overwriting, never duplicating), and the ids still sort by time and pass the
 * ULID checks of the repository functions.
 */
export function derivedId(parentUlid: string, key: string): string {
  const digest = createHash('sha256').update(parentUlid).update('\u0000').update(key).digest();
  let random = '';
  for (let i = 0; i < 16; i++) {
    // 16 characters × 5 bits; each byte gives one character (its low 5 bits).
    random += crockford[(digest[i] ?? 0) & 31];
  }
  return `${parentUlid.slice(0, 10)}${random}`;
}
