import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * What tells one inbound tracker webhook from a replay of it: the sender's delivery id, a digest
 * of the signed body (the id travels in an unsigned header, so a replayed body under a fresh id
 * is caught too) and the time the signed body says it was sent.
 */
export interface InboundStamp {
  deliveryId: string;
  bodySha256: string;
  sentAt: Date;
}

/** A delivery older than this is refused; the stored stamps are kept as long. */
export const INBOUND_FRESH_SECONDS = 60 * 60;
/** Clock difference tolerated for a body that says it was sent in the future. */
const FUTURE_SKEW_MS = 5 * 60 * 1_000;

/** Jira sends `timestamp` (ms since the epoch) in the body, and one id across its retries. */
const jiraSent = z.object({ timestamp: z.number().int().positive() });
/** GitHub's `issues` events carry the issue's `updated_at`: the change being reported. */
const githubSent = z.object({ issue: z.object({ updated_at: z.iso.datetime({ offset: true }) }) });

const senders = {
  jira: {
    idHeader: 'x-atlassian-webhook-identifier',
    sentAt: (json: unknown) => {
      const parsed = jiraSent.safeParse(json);
      return parsed.success ? new Date(parsed.data.timestamp) : undefined;
    },
    sentField: 'timestamp',
  },
  github: {
    idHeader: 'x-github-delivery',
    sentAt: (json: unknown) => {
      const parsed = githubSent.safeParse(json);
      return parsed.success ? new Date(parsed.data.issue.updated_at) : undefined;
    },
    sentField: 'issue.updated_at',
  },
} as const;

/**
 * The stamp of a verified delivery, or why it is refused: no delivery id, no time in the body,
 * or a time outside the freshness window.
 */
export function inboundStamp(
  kind: 'jira' | 'github',
  headers: Headers,
  rawBody: string,
  json: unknown,
  now = Date.now(),
): { ok: true; stamp: InboundStamp } | { ok: false; error: string } {
  const sender = senders[kind];
  const deliveryId = headers.get(sender.idHeader)?.trim();
  if (!deliveryId || deliveryId.length > 200) {
    return { ok: false, error: `the ${sender.idHeader} header (the delivery id) is missing` };
  }
  const sentAt = sender.sentAt(json);
  if (!sentAt) return { ok: false, error: `the body has no ${sender.sentField} to date it by` };
  const age = now - sentAt.getTime();
  if (age > INBOUND_FRESH_SECONDS * 1_000) {
    return {
      ok: false,
      error: `the delivery was sent ${Math.round(age / 60_000)} minutes ago; older than ${INBOUND_FRESH_SECONDS / 60} minutes is refused as a possible replay`,
    };
  }
  if (age < -FUTURE_SKEW_MS) {
    return { ok: false, error: 'the delivery is dated in the future; check the sender’s clock' };
  }
  const bodySha256 = createHash('sha256').update(rawBody).digest('hex');
  return { ok: true, stamp: { deliveryId, bodySha256, sentAt } };
}
