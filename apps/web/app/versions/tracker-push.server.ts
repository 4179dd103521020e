import { recordActivity } from '@specboard/db/activity';
import { getDocument } from '@specboard/db/documents';
import { getIntegrationWithSecret, listIntegrations } from '@specboard/db/integrations';
import { getVersion } from '@specboard/db/versions';
import { send, trackerPushQueue } from '@specboard/jobs';
import { z } from 'zod';
import { requireOrgAccess } from '../auth/org-access.server.ts';
import { db } from '../db.server.ts';
import { notFound } from '../lib/http.server.ts';
import { invalid, parseForm } from '../lib/validation.server.ts';
import { jobQueue } from '../runs/job-queue.server.ts';
import { assertSameOrigin } from '../security/origin.server.ts';

const pushSchema = z.object({
  intent: z.literal('tracker-push-version'),
  integrationId: z.string().min(1, 'Choose a Jira or GitHub integration.'),
});

const trackerKinds = new Set(['jira', 'github']);

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
  assertSameOrigin(request);
  const access = await requireOrgAccess(request, orgId, 'document:edit');
  const document = documentId ? await getDocument(db(), access.orgId, documentId) : undefined;
  const version = versionId ? await getVersion(db(), access.orgId, versionId) : undefined;
  if (!document || !version || version.document_id !== document.id) {
    throw notFound('No such version.');
  }
  const parsed = parseForm(form, pushSchema);
  if (!parsed.ok) return invalid(parsed.fieldErrors);
  const integration = await getIntegrationWithSecret(
    db(),
    access.orgId,
    parsed.value.integrationId,
  );
  if (!integration || !trackerKinds.has(integration.kind)) {
    throw notFound('This Jira or GitHub integration does not exist in this organisation.');
  }
  if (integration.status === 'paused') {
    return invalid({
      form: [`“${integration.name}” is paused: resume it on the integrations page.`],
    });
  }
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
