import type { DocumentType } from '@specboard/db';
import { listActivity, recordActivity } from '@specboard/db/activity';
import { listDocuments } from '@specboard/db/documents';
import { archiveProject, getProject, updateProject } from '@specboard/db/projects';
import { recordRevocation } from '@specboard/db/revocations';
import { redirect } from 'react-router';
import { z } from 'zod';
import { requireOrgAccess } from '../auth/org-access.server.ts';
import { can } from '../auth/permissions.ts';
import { db } from '../db.server.ts';
import { createDocumentFromTemplate } from '../documents/create-document.server.ts';
import { documentPeople } from '../documents/last-edits.server.ts';
import { documentTypeLabels, templatesFor } from '../documents/templates.server.ts';
import { badRequest, notFound } from '../lib/http.server.ts';
import { invalid, parseForm, readForm } from '../lib/validation.server.ts';
import { cancelActiveRuns } from '../runs/cancel-runs.server.ts';
import { assertSameOrigin } from '../security/origin.server.ts';
import { inTrash } from './in-trash.server.ts';
import { projectFieldsSchema } from './project-schemas.ts';
import { constraintsOf } from './projects.server.ts';

export async function projectLoader(
  request: Request,
  orgId: string | undefined,
  id: string | undefined,
) {
  const access = await requireOrgAccess(request, orgId, 'org:read');
  const project = id ? await getProject(db(), access.orgId, id) : undefined;
  if (!project) throw notFound('This project does not exist in this organisation.');
  const [documents, templates, activity] = await Promise.all([
    listDocuments(db(), access.orgId, project.id),
    templatesFor(access.orgId),
    listActivity(db(), access.orgId, { resourceType: 'project', resourceId: project.id, limit: 8 }),
  ]);
  const people = await documentPeople(
    access.orgId,
    documents.map((d) => d.id),
  );
  return {
    project: {
      id: project.id,
      name: project.name,
      idea: project.idea,
      constraints: project.constraints,
      preferredProvider: project.preferred_provider,
      preferredModel: project.preferred_model,
      archived: project.deleted_at !== null,
    },
    documents: documents.map((d) => ({
      id: d.id,
      title: d.title,
      type: d.type,
      typeLabel: documentTypeLabels[d.type],
      updatedAt: d.updated_at.toISOString(),
      lastEdit: people[d.id]?.lastEdit ?? null,
      hereNow: people[d.id]?.hereNow ?? [],
    })),
    templates: templates.map((t) => ({
      id: t.id,
      name: t.name,
      kind: t.kind,
      builtIn: t.org_id === null,
    })),
    activity: activity.map((a) => ({
      id: a.id,
      actor: a.actor_name ?? 'Someone',
      action: a.action,
      at: a.created_at.toISOString(),
    })),
    canEdit: can(access.role, 'project:update') && project.deleted_at === null,
    canRestore: project.deleted_at !== null && can(access.role, 'trash:manage'),
  };
}

const createDocumentSchema = z.object({
  intent: z.literal('create-document'),
  type: z.enum(['prd', 'tech', 'notes'], 'Pick a document type'),
  title: z
    .string()
    .trim()
    .min(1, 'Give the document a title')
    .max(120, 'Keep it under 120 characters'),
  templateId: z
    .string()
    .optional()
    .transform((v) => v || undefined),
});

const updateSchema = projectFieldsSchema.extend({ intent: z.literal('update') });

export async function projectAction(
  request: Request,
  orgId: string | undefined,
  id: string | undefined,
) {
  assertSameOrigin(request);
  const form = await readForm(request);
  const intent = form.get('intent');
  const action =
    intent === 'archive'
      ? 'project:archive'
      : intent === 'create-document'
        ? 'document:create'
        : 'project:update';
  const access = await requireOrgAccess(request, orgId, action);
  const project = id ? await getProject(db(), access.orgId, id) : undefined;
  if (!project) throw notFound('This project does not exist in this organisation.');
  if (project.deleted_at) throw inTrash('This project');
  const activity = {
    orgId: access.orgId,
    actorId: access.user.id,
    resourceType: 'project',
    resourceId: project.id,
  };

  if (intent === 'archive') {
    // In one transaction: its documents and board close for everyone on every sync server.
    await db()
      .transaction()
      .execute(async (trx) => {
        if (!(await archiveProject(trx, access.orgId, project.id))) return;
        await recordRevocation(trx, { userId: null, scope: 'project', scopeId: project.id });
      });
    await cancelActiveRuns(access.orgId, { projectId: project.id });
    await recordActivity(db(), { ...activity, action: 'archived' });
    return redirect(`/orgs/${access.orgId}`);
  }
  if (intent === 'create-document') {
    const parsed = parseForm(form, createDocumentSchema);
    if (!parsed.ok) return invalid(parsed.fieldErrors);
    const created = await createDocumentFromTemplate({
      orgId: access.orgId,
      projectId: project.id,
      userId: access.user.id,
      type: parsed.value.type as DocumentType,
      title: parsed.value.title,
      templateId: parsed.value.templateId,
    });
    if (!created.ok) return invalid(created.fieldErrors);
    await recordActivity(db(), {
      ...activity,
      action: 'document-created',
      changes: { documentId: created.id, title: parsed.value.title },
    });
    return redirect(`/orgs/${access.orgId}/documents/${created.id}`);
  }
  if (intent !== 'update') {
    throw badRequest('Unknown action: intent must be update, archive or create-document.');
  }
  const parsed = parseForm(form, updateSchema);
  if (!parsed.ok) return invalid(parsed.fieldErrors);
  const fields = parsed.value;
  await updateProject(db(), access.orgId, project.id, {
    name: fields.name,
    idea: fields.idea,
    constraints: constraintsOf(fields),
    preferredProvider: fields.preferredProvider ?? null,
    preferredModel: fields.preferredModel ?? null,
  });
  const renamed = fields.name !== project.name;
  await recordActivity(db(), {
    ...activity,
    action: renamed ? 'renamed' : 'updated',
    changes: renamed ? { from: project.name, to: fields.name } : {},
  });
  return { ok: true as const, fieldErrors: undefined };
}
