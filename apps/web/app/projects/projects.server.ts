import { recordActivity } from '@specboard/db/activity';
import { createProject, listProjects } from '@specboard/db/projects';
import { redirect } from 'react-router';
import { requireOrgAccess } from '../auth/org-access.server.ts';
import { can } from '../auth/permissions.ts';
import { db } from '../db.server.ts';
import { invalid, parseForm, readForm } from '../lib/validation.server.ts';
import { assertSameOrigin } from '../security/origin.server.ts';
import { type ProjectFields, projectFieldsSchema } from './project-schemas.ts';

export function constraintsOf(fields: ProjectFields) {
  return {
    ...(fields.timeline ? { timeline: fields.timeline } : {}),
    ...(fields.budget ? { budget: fields.budget } : {}),
    ...(fields.stack ? { stack: fields.stack } : {}),
  };
}

export async function projectsLoader(request: Request, orgId: string | undefined) {
  const access = await requireOrgAccess(request, orgId, 'org:read');
  const showArchived = new URL(request.url).searchParams.get('archived') === '1';
  const projects = await listProjects(db(), access.orgId, { includeArchived: showArchived });
  return {
    projects: projects.map((p) => ({
      id: p.id,
      name: p.name,
      idea: p.idea,
      archived: p.deleted_at !== null,
      updatedAt: p.updated_at.toISOString(),
    })),
    showArchived,
    canCreate: can(access.role, 'project:create'),
  };
}

export async function createProjectAction(request: Request, orgId: string | undefined) {
  assertSameOrigin(request);
  const access = await requireOrgAccess(request, orgId, 'project:create');
  const parsed = parseForm(await readForm(request), projectFieldsSchema);
  if (!parsed.ok) return invalid(parsed.fieldErrors);
  const fields = parsed.value;
  const project = await createProject(db(), {
    orgId: access.orgId,
    name: fields.name,
    idea: fields.idea,
    constraints: constraintsOf(fields),
    preferredProvider: fields.preferredProvider ?? null,
    preferredModel: fields.preferredModel ?? null,
    createdBy: access.user.id,
  });
  await recordActivity(db(), {
    orgId: access.orgId,
    actorId: access.user.id,
    resourceType: 'project',
    resourceId: project.id,
    action: 'created',
    changes: { name: project.name },
  });
  return redirect(`/orgs/${access.orgId}/projects/${project.id}`);
}
