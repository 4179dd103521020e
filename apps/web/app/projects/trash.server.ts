import { recordActivity } from '@specboard/db/activity';
import {
  listDeletedDocuments,
  purgeDeletedDocument,
  restoreDocument,
} from '@specboard/db/documents';
import { listArchivedProjects, purgeArchivedProject, restoreProject } from '@specboard/db/projects';
import { recordRevocation } from '@specboard/db/revocations';
import { formatDocName } from '@specboard/doc/doc-names';
import { z } from 'zod';
import { type OrgAccess, requireOrgAccess } from '../auth/org-access.server.ts';
import { db } from '../db.server.ts';
import { documentTypeLabels } from '../documents/templates.server.ts';
import { badRequest, notFound } from '../lib/http.server.ts';
import { readForm } from '../lib/validation.server.ts';
import { assertSameOrigin } from '../security/origin.server.ts';

/** The organisation's trash: archived projects and deleted documents, for admins and owners. */
export async function trashLoader(request: Request, orgId: string | undefined) {
  const access = await requireOrgAccess(request, orgId, 'trash:manage');
  const [projects, documents] = await Promise.all([
    listArchivedProjects(db(), access.orgId),
    listDeletedDocuments(db(), access.orgId),
  ]);
  return {
    projects: projects.map((p) => ({
      id: p.id,
      name: p.name,
      archivedAt: p.archived_at.toISOString(),
      archivedBy: p.archived_by,
      documentCount: p.document_count,
    })),
    documents: documents.map((d) => ({
      id: d.id,
      title: d.title,
      typeLabel: documentTypeLabels[d.type],
      projectId: d.project_id,
      projectName: d.project_name,
      projectArchived: d.project_archived,
      deletedAt: d.deleted_at.toISOString(),
      deletedBy: d.deleted_by,
    })),
  };
}

const trashSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.enum(['restore-project', 'restore-document']), id: z.string() }),
  z.object({
    intent: z.enum(['purge-project', 'purge-document']),
    id: z.string(),
    // Purging cannot be undone: the form asks for an explicit tick, not only a click.
    confirm: z.literal('yes', 'Tick the box to confirm that this cannot be undone.'),
  }),
]);

export type TrashResult = { ok: boolean; message: string };

/** Restore or purge one item; every outcome is recorded in `activity_log`. */
export async function trashAction(
  request: Request,
  orgId: string | undefined,
): Promise<TrashResult> {
  assertSameOrigin(request);
  const access = await requireOrgAccess(request, orgId, 'trash:manage');
  const form = Object.fromEntries(await readForm(request));
  const parsed = trashSchema.safeParse(form);
  if (!parsed.success) {
    throw badRequest(parsed.error.issues.map((issue) => issue.message).join(' '));
  }
  const { intent, id } = parsed.data;
  if (intent === 'restore-project') return restoreProjectFromTrash(access, id);
  if (intent === 'restore-document') return restoreDocumentFromTrash(access, id);
  if (intent === 'purge-project') return purgeProjectFromTrash(access, id);
  return purgeDocumentFromTrash(access, id);
}

const notInTrash = () => notFound('This is not in this organisation’s trash.');

function activityOf(access: OrgAccess, resourceType: 'project' | 'document', resourceId: string) {
  return { orgId: access.orgId, actorId: access.user.id, resourceType, resourceId };
}

async function restoreProjectFromTrash(access: OrgAccess, id: string): Promise<TrashResult> {
  // No revocation to undo: the one recorded at archiving refuses only tokens issued before it.
  const project = await restoreProject(db(), access.orgId, id);
  if (!project) throw notInTrash();
  await recordActivity(db(), { ...activityOf(access, 'project', id), action: 'restored' });
  return { ok: true, message: `Restored “${project.name}”. It can be edited again.` };
}

async function restoreDocumentFromTrash(access: OrgAccess, id: string): Promise<TrashResult> {
  const restored = await restoreDocument(db(), access.orgId, id);
  if (!restored.ok && restored.reason === 'not-in-trash') throw notInTrash();
  if (!restored.ok) {
    return {
      ok: false,
      message:
        'Its project already has a document of this type (there is one PRD and one tech spec per project). Delete that one first, or keep this one in the trash.',
    };
  }
  const { document } = restored;
  await recordActivity(db(), {
    ...activityOf(access, 'document', id),
    action: 'restored',
    changes: { title: document.title },
  });
  return {
    ok: true,
    message: document.project_archived
      ? `Restored “${document.title}” into its project, which is still in the trash: it stays read-only until the project is restored.`
      : `Restored “${document.title}”. It can be edited again.`,
  };
}

async function purgeProjectFromTrash(access: OrgAccess, id: string): Promise<TrashResult> {
  const project = await db()
    .transaction()
    .execute(async (trx) => {
      const purged = await purgeArchivedProject(trx, access.orgId, id);
      if (!purged) return undefined;
      // Viewers may still be connected to its documents or board: close them everywhere.
      await recordRevocation(trx, { userId: null, scope: 'project', scopeId: id });
      await recordActivity(trx, {
        ...activityOf(access, 'project', id),
        action: 'purged',
        changes: { name: purged.name },
      });
      return purged;
    });
  if (!project) throw notInTrash();
  return { ok: true, message: `Purged “${project.name}” and everything in it.` };
}

async function purgeDocumentFromTrash(access: OrgAccess, id: string): Promise<TrashResult> {
  const document = await db()
    .transaction()
    .execute(async (trx) => {
      const purged = await purgeDeletedDocument(trx, access.orgId, id);
      if (!purged) return undefined;
      const scopeId = formatDocName('doc', id);
      await recordRevocation(trx, { userId: null, scope: 'document', scopeId });
      await recordActivity(trx, {
        ...activityOf(access, 'document', id),
        action: 'purged',
        changes: { title: purged.title, projectId: purged.project_id },
      });
      return purged;
    });
  if (!document) throw notInTrash();
  return { ok: true, message: `Purged “${document.title}” and its versions.` };
}
