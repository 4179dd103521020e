import { z } from 'zod';
import { type JobRetryPolicy, ulid } from '../contract.ts';

/**
 * One delivery of an event to one integration (a webhook URL, later a chat channel). Failed
 * attempts are retried with exponential back-off: 15 s, 30 s, 1 min … about 32 min for the
 * last, some 64 minutes in all before the delivery stays failed (an admin can redeliver).
 */
const deliveryRetry: JobRetryPolicy = {
  retryLimit: 8,
  retryDelay: 15,
  retryBackoff: true,
  expireInSeconds: 60,
};

export const integrationDeliverQueue = {
  name: 'integration-deliver',
  payload: z.object({ orgId: ulid, deliveryId: ulid }),
  retry: deliveryRetry,
} as const;

/**
 * A status change a tracker (Jira, GitHub Issues) reported for an issue mapped to a card: move
 * the card to `column`. `issueKey` is the issue's external id (a Jira key, a GitHub number).
 */
export const trackerInboundQueue = {
  name: 'tracker-inbound',
  payload: z.object({
    orgId: ulid,
    integrationId: ulid,
    issueKey: z.string().min(1).max(100),
    column: z.string().min(1).max(100),
  }),
  retry: { retryLimit: 5, retryDelay: 5, retryBackoff: true, expireInSeconds: 120 },
} as const;

/**
 * Push a project's board cards to a Jira or GitHub integration: all, the ones named, or the
 * ones a version's breakdown put on the board (`sourceVersionId`).
 */
export const trackerPushQueue = {
  name: 'tracker-push',
  payload: z.object({
    orgId: ulid,
    integrationId: ulid,
    projectId: ulid,
    cardIds: z.array(z.string().min(1).max(100)).max(500).nullable(),
    sourceVersionId: ulid.optional(),
  }),
  retry: { retryLimit: 5, retryDelay: 30, retryBackoff: true, expireInSeconds: 600 },
} as const;

/**
 * Publish one document version as a Confluence page (created once per document, then updated).
 * Rate limits and Confluence's own errors are retried with back-off; refused credentials are not.
 */
export const confluencePublishQueue = {
  name: 'confluence-publish',
  payload: z.object({ orgId: ulid, integrationId: ulid, versionId: ulid }),
  retry: { retryLimit: 5, retryDelay: 30, retryBackoff: true, expireInSeconds: 300 },
} as const;
