import { blankCard, type CardDraft } from '@specboard/doc/board';
import { monotonicFactory } from 'ulid';

// `ulid` directly rather than `@specboard/db/ids`: this module runs in the browser, and
// @specboard/db is server-only (kysely, postgres) as a package, even where one file would do.
const nextId = monotonicFactory();

/** A card someone adds by hand: a title, nothing else yet, no source version. */
export function newCard(title: string): CardDraft {
  return blankCard(nextId(), title);
}
