import { recordActivity } from '@specboard/db/activity';
import { getDocument } from '@specboard/db/documents';
import { listPublishStatus } from '@specboard/db/integration-publishing';
import { getIntegrationWithSecret } from '@specboard/db/integrations';
import { getVersion } from '@specboard/db/versions';
import { confluencePublishQueue, send } from '@specboard/jobs';
import { z } from 'zod';
import { requireOrgAccess } from '../auth/org-access.server.ts';
import { db } from '../db.server.ts';
import { notFound } from '../lib/http.server.ts';
import { invalid, parseForm } from '../lib/validation.server.ts';
import { jobQueue } from '../runs/job-queue.server.ts';
import { assertSameOrigin } from '../security/origin.server.ts';

const publishSchema = z.object({
  intent: z.literal('publish-confluence'),
  integrationId: z.string().min(1, 'Choose a Confluence integration.'),
});

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
  assertSameOrigin(request);
  const access = await requireOrgAccess(request, orgId, 'document:edit');
  const document = documentId ? await getDocument(db(), access.orgId, documentId) : undefined;
  const version = versionId ? await getVersion(db(), access.orgId, versionId) : undefined;
  if (!document || !version || version.document_id !== document.id) {
    throw notFound('No such version.');
  }
  const parsed = parseForm(form, publishSchema);
  if (!parsed.ok) return invalid(parsed.fieldErrors);
  const integration = await getIntegrationWithSecret(
    db(),
    access.orgId,
    parsed.value.integrationId,
  );
  if (integration?.kind !== 'confluence') {
    throw notFound('This Confluence integration does not exist in this organisation.');
  }
  if (integration.status === 'paused') {
    return invalid({
      form: [`“${integration.name}” is paused: resume it on the integrations page.`],
    });
  }
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
