import { recordActivity } from '@specboard/db/activity';
import {
  findDocument,
  isInTrash,
  renameDocument,
  softDeleteDocument,
} from '@specboard/db/documents';
import { getProject } from '@specboard/db/projects';
import { recordRevocation } from '@specboard/db/revocations';
import { formatDocName } from '@specboard/doc/doc-names';
import { redirect } from 'react-router';
import { z } from 'zod';
import { requireOrgAccess } from '../auth/org-access.server.ts';
import { can } from '../auth/permissions.ts';
import { db } from '../db.server.ts';
import { colorFor } from '../editor/user-color.ts';
import { publicEnv } from '../env.server.ts';
import { badRequest, notFound } from '../lib/http.server.ts';
import { invalid, parseForm, readForm } from '../lib/validation.server.ts';
import { inTrash } from '../projects/in-trash.server.ts';
import { cancelActiveRuns } from '../runs/cancel-runs.server.ts';
import { assertSameOrigin } from '../security/origin.server.ts';
import { docNameFor, mintSyncToken } from './sync-token.server.ts';
import { documentTypeLabels } from './templates.server.ts';

export async function documentLoader(
  request: Request,
  orgId: string | undefined,
  id: string | undefined,
) {
  const access = await requireOrgAccess(request, orgId, 'org:read');
  const document = id ? await findDocument(db(), access.orgId, id) : undefined;
  if (!document) throw notFound('This document does not exist in this organisation.');
  const project = await getProject(db(), access.orgId, document.project_id);
  if (!project) throw notFound();
  // In the trash it still opens, read-only for everyone: a viewer token, no actions.
  const trashed = isInTrash(document);
  return {
    document: {
      id: document.id,
      title: document.title,
      type: document.type,
      typeLabel: documentTypeLabels[document.type],
      docName: docNameFor(document.id),
    },
    project: { id: project.id, name: project.name },
    user: { id: access.user.id, name: access.user.name, color: colorFor(access.user.id) },
    syncUrl: publicEnv().syncUrl,
    token: await mintSyncToken(access, document.id, { readOnly: trashed }),
    readOnly: trashed || !can(access.role, 'document:edit'),
    canManage: !trashed && can(access.role, 'document:rename'),
    trash: document.deleted_at
      ? ('deleted' as const)
      : document.project_archived
        ? ('project-archived' as const)
        : null,
    canRestore: trashed && can(access.role, 'trash:manage'),
  };
}

const renameSchema = z.object({
  intent: z.literal('rename'),
  title: z
    .string()
    .trim()
    .min(1, 'Give the document a title')
    .max(120, 'Keep it under 120 characters'),
});

export async function documentAction(
  request: Request,
  orgId: string | undefined,
  id: string | undefined,
) {
  assertSameOrigin(request);
  const form = await readForm(request);
  const intent = form.get('intent');
  const access = await requireOrgAccess(
    request,
    orgId,
    intent === 'delete' ? 'document:delete' : 'document:rename',
  );
  const document = id ? await findDocument(db(), access.orgId, id) : undefined;
  if (!document) throw notFound('This document does not exist in this organisation.');
  if (isInTrash(document)) throw inTrash('This document');
  const activity = {
    orgId: access.orgId,
    actorId: access.user.id,
    resourceType: 'document',
    resourceId: document.id,
  };
  if (intent === 'delete') {
    // In one transaction: a deleted document is closed for everyone on every sync server.
    await db()
      .transaction()
      .execute(async (trx) => {
        if (!(await softDeleteDocument(trx, access.orgId, document.id))) return;
        const scopeId = formatDocName('doc', document.id);
        await recordRevocation(trx, { userId: null, scope: 'document', scopeId });
      });
    await cancelActiveRuns(access.orgId, {
      projectId: document.project_id,
      documentId: document.id,
    });
    await recordActivity(db(), {
      ...activity,
      action: 'deleted',
      changes: { title: document.title },
    });
    return redirect(`/orgs/${access.orgId}/projects/${document.project_id}`);
  }
  if (intent !== 'rename') throw badRequest('Unknown action: intent must be rename or delete.');
  const parsed = parseForm(form, renameSchema);
  if (!parsed.ok) return invalid(parsed.fieldErrors);
  await renameDocument(db(), access.orgId, document.id, parsed.value.title);
  await recordActivity(db(), {
    ...activity,
    action: 'renamed',
    changes: { from: document.title, to: parsed.value.title },
  });
  return { ok: true as const, fieldErrors: undefined };
}
