import { isUlid } from '@specboard/db';
import { findIntegrationOrg, getIntegrationWithSecret } from '@specboard/db/integrations';
import {
  boardColumnFor,
  jiraIssueEventSchema,
  openCredentials,
  verifyJiraSignature,
} from '@specboard/integrations';
import { jiraInboundQueue, send } from '@specboard/jobs';
import { db } from '../db.server.ts';
import { jobQueue } from '../runs/job-queue.server.ts';
import { integrationsSecretBox } from './secret-box.server.ts';

const answer = (status: number, message: string) => Response.json({ message }, { status });

/**
 * Jira's webhook for one integration (`/integrations/jira/<integrationId>/webhook`, registered
 * in Jira with the integration's webhook secret). Nothing is read from the body before its
 * signature is checked; a verified status change is queued for the worker, which moves the card.
 */
export async function jiraWebhookAction(request: Request, integrationId: string | undefined) {
  const box = integrationsSecretBox();
  if (!box) return answer(503, 'integrations are not configured on this server');
  const orgId = isUlid(integrationId) ? await findIntegrationOrg(db(), integrationId) : undefined;
  const integration =
    orgId && integrationId ? await getIntegrationWithSecret(db(), orgId, integrationId) : undefined;
  if (!orgId || !integration || integration.kind !== 'jira') {
    return answer(404, 'no such Jira integration');
  }
  const raw = await request.text();
  const { webhookSecret } = openCredentials(box, integration.secret_sealed);
  if (
    !webhookSecret ||
    !verifyJiraSignature(webhookSecret, raw, request.headers.get('x-hub-signature'))
  ) {
    return answer(401, 'the X-Hub-Signature does not match this integration’s webhook secret');
  }
  if (integration.status === 'paused') return answer(202, 'ignored: the integration is paused');
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return answer(400, 'the body is not JSON');
  }
  const event = jiraIssueEventSchema.safeParse(json);
  if (!event.success) return answer(202, 'ignored: not an issue event with a status');
  const { boss } = await jobQueue();
  await send(boss, jiraInboundQueue, {
    orgId,
    integrationId: integration.id,
    issueKey: event.data.issue.key,
    column: boardColumnFor(event.data),
  });
  return answer(202, 'queued');
}
