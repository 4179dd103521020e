import { isUlid, withOrg } from '@specboard/db';
import { claimInboundDelivery } from '@specboard/db/inbound-deliveries';
import { findIntegrationOrg, getIntegrationWithSecret } from '@specboard/db/integrations';
import {
  boardColumnFor,
  githubColumnFor,
  githubIssueEventSchema,
  INBOUND_FRESH_SECONDS,
  inboundStamp,
  jiraIssueEventSchema,
  openCredentials,
  verifyGitHubSignature,
  verifyJiraSignature,
} from '@specboard/integrations';
import { send, trackerInboundQueue } from '@specboard/jobs';
import { db } from '../db.server.ts';
import { jobQueue } from '../runs/job-queue.server.ts';
import { integrationsSecretBox } from './secret-box.server.ts';

const answer = (status: number, message: string) => Response.json({ message }, { status });

/** How each tracker signs its webhook and says which issue moved where. */
const trackers = {
  jira: {
    verify: (secret: string, raw: string, headers: Headers) =>
      verifyJiraSignature(secret, raw, headers.get('x-hub-signature')),
    parse(json: unknown) {
      const event = jiraIssueEventSchema.safeParse(json);
      return event.success
        ? { issueKey: event.data.issue.key, column: boardColumnFor(event.data) }
        : undefined;
    },
  },
  github: {
    verify: (secret: string, raw: string, headers: Headers) =>
      verifyGitHubSignature(secret, raw, headers.get('x-hub-signature-256')),
    parse(json: unknown) {
      const event = githubIssueEventSchema.safeParse(json);
      return event.success
        ? { issueKey: String(event.data.issue.number), column: githubColumnFor(event.data) }
        : undefined;
    },
  },
} as const;

/**
 * A tracker's webhook for one integration (`/integrations/<jira|github>/<integrationId>/webhook`,
 * registered there with the integration's webhook secret). Nothing is read from the body before
 * its signature is checked. A verified status change must be fresh (dated by its signed body
 * within the last hour) and new (its delivery id and its body not received before): a replay is
 * refused with 409. It is then claimed and queued in one transaction, so a failure to queue
 * leaves it unclaimed for the sender's retry; the worker moves the card.
 */
export async function trackerWebhookAction(
  request: Request,
  kind: string | undefined,
  integrationId: string | undefined,
) {
  const box = integrationsSecretBox();
  if (!box) return answer(503, 'integrations are not configured on this server');
  if (kind !== 'jira' && kind !== 'github') return answer(404, 'no such tracker');
  const tracker = trackers[kind];
  const orgId = isUlid(integrationId) ? await findIntegrationOrg(db(), integrationId) : undefined;
  const integration =
    orgId && integrationId ? await getIntegrationWithSecret(db(), orgId, integrationId) : undefined;
  if (!orgId || integration?.kind !== kind) return answer(404, `no such ${kind} integration`);
  const raw = await request.text();
  const { webhookSecret } = openCredentials(box, integration.secret_sealed);
  if (!webhookSecret || !tracker.verify(webhookSecret, raw, request.headers)) {
    return answer(401, 'the signature does not match this integration’s webhook secret');
  }
  if (integration.status === 'paused') return answer(202, 'ignored: the integration is paused');
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return answer(400, 'the body is not JSON');
  }
  const change = tracker.parse(json);
  if (!change) return answer(202, 'ignored: not an issue status change');
  const stamped = inboundStamp(kind, request.headers, raw, json);
  if (!stamped.ok) return answer(400, stamped.error);
  const { boss } = await jobQueue();
  const claimed = await withOrg(db(), orgId, async (trx) => {
    const fresh = await claimInboundDelivery(trx, orgId, {
      integrationId: integration.id,
      ...stamped.stamp,
      keepSeconds: INBOUND_FRESH_SECONDS,
    });
    if (fresh) {
      await send(
        boss,
        trackerInboundQueue,
        { orgId, integrationId: integration.id, ...change },
        { db: trx },
      );
    }
    return fresh;
  });
  if (!claimed) {
    return answer(
      409,
      `delivery ${stamped.stamp.deliveryId} (or the same body) was already received; a replay is not applied`,
    );
  }
  return answer(202, 'queued');
}
