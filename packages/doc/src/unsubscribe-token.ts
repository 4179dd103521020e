import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed one-click unsubscribe links (server only): an HMAC-SHA256 over the person and the kind
 * with the auth secret, so the link works without a session and cannot be forged for someone
 * else. The worker signs them into digest mail; the web app checks them.
 */
export function unsubscribeSignature(secret: string, userId: string, kind: string): string {
  return createHmac('sha256', secret).update(`unsubscribe:${userId}:${kind}`).digest('base64url');
}

export function unsubscribePath(secret: string, userId: string, kind: string): string {
  const query = new URLSearchParams({
    u: userId,
    k: kind,
    s: unsubscribeSignature(secret, userId, kind),
  });
  return `/notifications/unsubscribe?${query.toString()}`;
}

export function unsubscribeSignatureMatches(
  secret: string,
  link: { userId: string; kind: string; signature: string },
): boolean {
  const expected = Buffer.from(unsubscribeSignature(secret, link.userId, link.kind));
  const given = Buffer.from(link.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
