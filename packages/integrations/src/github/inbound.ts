import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** GitHub signs webhooks with `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>`. */
export function verifyGitHubSignature(
  secret: string,
  rawBody: string,
  header: string | null,
): boolean {
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header ?? '');
  if (!match?.[1]) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(match[1], 'hex'));
}

/** The `issues` event actions that move a card: closed → done, reopened → to do. */
export const githubIssueEventSchema = z.object({
  action: z.enum(['closed', 'reopened']),
  issue: z.object({ number: z.number().int().positive() }),
});

export function githubColumnFor(event: z.infer<typeof githubIssueEventSchema>): string {
  return event.action === 'closed' ? 'done' : 'todo';
}
