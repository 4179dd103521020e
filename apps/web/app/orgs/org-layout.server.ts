import { listMemberships } from '@specboard/db/organizations';
import { listProjects } from '@specboard/db/projects';
import { requireOrgAccess } from '../auth/org-access.server.ts';
import { can } from '../auth/permissions.ts';
import { db } from '../db.server.ts';
import { notFound } from '../lib/http.server.ts';

export async function orgLayoutLoader(request: Request, orgId: string | undefined) {
  const access = await requireOrgAccess(request, orgId, 'org:read');
  const [memberships, projects] = await Promise.all([
    listMemberships(db(), access.user.id),
    listProjects(db(), access.orgId),
  ]);
  const org = memberships.find((m) => m.orgId === access.orgId);
  if (!org) throw notFound();
  return {
    user: access.user,
    role: access.role,
    org: { id: org.orgId, name: org.orgName },
    memberships: memberships.map((m) => ({ id: m.orgId, name: m.orgName })),
    projects: projects.map((p) => ({ id: p.id, name: p.name })),
    canInvite: can(access.role, 'members:invite'),
    canManageTrash: can(access.role, 'trash:manage'),
    canManageAi: can(access.role, 'ai:manage'),
    canSeeUsage: can(access.role, 'ai:usage'),
    canReadAudit: can(access.role, 'audit:read'),
    canManageIntegrations: can(access.role, 'integrations:manage'),
  };
}
