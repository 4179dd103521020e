import { recordActivity } from '@specboard/db/activity';
import { listPublishStatus } from '@specboard/db/integration-publishing';
import { confluencePublishQueue, send } from '@specboard/jobs';
import { db } from '../db.server.ts';
import type { invalid } from '../lib/validation.server.ts';
import { jobQueue } from '../runs/job-queue.server.ts';
import { versionIntegrationTarget } from './version-integration.server.ts';

const confluenceKinds: ReadonlySet<string> = new Set(['confluence']);

/** The organisation's Confluence integrations with where this document's page stands in each. */
export async function confluenceStatus(orgId: string, documentId: string) {
  const rows = await listPublishStatus(db(), orgId, 'confluence', {
    resourceType: 'document',
    resourceId: documentId,
  });
  return rows.map((row) => ({
    ...row,
    lastSyncedAt: row.lastSyncedAt?.toISOString() ?? null,
  }));
}

export interface PublishQueued {
  publishing: true;
  message: string;
}

/**
 * "Publish to Confluence": editors only; the version and the integration must be the
 * organisation's, and the integration active. The worker creates or updates the document's page.
 */
export async function publishToConfluenceAction(
  request: Request,
  orgId: string | undefined,
  documentId: string | undefined,
  versionId: string | undefined,
  form: FormData,
): Promise<PublishQueued | ReturnType<typeof invalid>> {
  const target = await versionIntegrationTarget(request, { orgId, documentId, versionId }, form, {
    intent: 'publish-confluence',
    kinds: confluenceKinds,
    label: 'Confluence',
  });
  if (!('integration' in target)) return target;
  const { access, document, version, integration } = target;
  const { boss } = await jobQueue();
  await send(boss, confluencePublishQueue, {
    orgId: access.orgId,
    integrationId: integration.id,
    versionId: version.id,
  });
  await recordActivity(db(), {
    orgId: access.orgId,
    actorId: access.user.id,
    resourceType: 'document',
    resourceId: document.id,
    action: 'published',
    changes: { integrationId: integration.id, versionId: version.id, number: version.number },
  });
  return {
    publishing: true,
    message: `Publishing version ${version.number} to ${integration.name}…`,
  };
}
