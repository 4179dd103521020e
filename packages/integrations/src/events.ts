import { z } from 'zod';

/** Every kind of event an integration can subscribe to. */
export const orgEventKinds = [
  'document.versioned',
  'suggestion.accepted',
  'run.finished',
  'run.failed',
  'card.created',
  'card.moved',
  'card.done',
  'comment.added',
] as const;
export type OrgEventKind = (typeof orgEventKinds)[number];

/** Sent only by "Send a test event" on the settings page, to one integration. */
export const TEST_EVENT_KIND = 'integration.test';

export const orgEventKindLabels: Record<OrgEventKind, string> = {
  'document.versioned': 'Document versioned',
  'suggestion.accepted': 'Suggestion accepted',
  'run.finished': 'Run finished',
  'run.failed': 'Run failed',
  'card.created': 'Card created',
  'card.moved': 'Card moved',
  'card.done': 'Card done',
  'comment.added': 'Comment added',
};

/**
 * What happened, as the receiver sees it: `data` names the resources by id and carries `url`,
 * a link back into Specboard, so a receiver needs no API call to show it.
 */
export const orgEventSchema = z.object({
  kind: z.enum(orgEventKinds),
  /** One line a person can read (chat channels show it as is). */
  summary: z.string().min(1).max(500),
  data: z.record(z.string(), z.unknown()),
});
export type OrgEvent = z.infer<typeof orgEventSchema>;

/** The JSON body of a webhook delivery (Standard Webhooks shape: type, timestamp, data). */
export interface WebhookBody {
  type: string;
  timestamp: string;
  summary: string;
  data: Record<string, unknown>;
}
