import { recordActivity } from '@specboard/db/activity';
import { listIntegrations } from '@specboard/db/integrations';
import { send, trackerPushQueue } from '@specboard/jobs';
import { db } from '../db.server.ts';
import type { invalid } from '../lib/validation.server.ts';
import { jobQueue } from '../runs/job-queue.server.ts';
import { versionIntegrationTarget } from './version-integration.server.ts';

const trackerKinds: ReadonlySet<string> = new Set(['jira', 'github']);

/** The organisation's active Jira and GitHub integrations, for "Push this version's cards". */
export async function versionTrackers(orgId: string) {
  return (await listIntegrations(db(), orgId))
    .filter((i) => trackerKinds.has(i.kind) && i.status === 'active')
    .map((i) => ({ id: i.id, name: i.name, kind: i.kind }));
}

export interface PushQueued {
  pushing: true;
  message: string;
}

/**
 * "Push this version's cards": the cards the version's breakdown put on its project's board go
 * to a Jira or GitHub integration (created once, updated after), through the same job as
 * "Push board". Editors only; the version and the integration must be the organisation's.
 */
export async function pushVersionCardsAction(
  request: Request,
  orgId: string | undefined,
  documentId: string | undefined,
  versionId: string | undefined,
  form: FormData,
): Promise<PushQueued | ReturnType<typeof invalid>> {
  const target = await versionIntegrationTarget(request, { orgId, documentId, versionId }, form, {
    intent: 'tracker-push-version',
    kinds: trackerKinds,
    label: 'Jira or GitHub',
  });
  if (!('integration' in target)) return target;
  const { access, document, version, integration } = target;
  const { boss } = await jobQueue();
  await send(boss, trackerPushQueue, {
    orgId: access.orgId,
    integrationId: integration.id,
    projectId: document.project_id,
    cardIds: null,
    sourceVersionId: version.id,
  });
  await recordActivity(db(), {
    orgId: access.orgId,
    actorId: access.user.id,
    resourceType: 'integration',
    resourceId: integration.id,
    action: 'pushed',
    changes: { projectId: document.project_id, versionId: version.id, number: version.number },
  });
  return {
    pushing: true,
    message: `Pushing the cards version ${version.number} put on the board to ${integration.name}.`,
  };
}
