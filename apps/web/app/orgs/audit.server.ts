import { ulidSchema, withOrg } from '@specboard/db';
import { listAuditEntries, listAuditResourceTypes } from '@specboard/db/audit';
import { listProjects } from '@specboard/db/projects';
import { listAssignees } from '@specboard/db/tasks';
import { z } from 'zod';
import { requireOrgAccess } from '../auth/org-access.server.ts';
import { db } from '../db.server.ts';
import { badRequest } from '../lib/http.server.ts';

const PAGE = 50;
const blankAsUndefined = (value: unknown) => (value === '' ? undefined : value);

const auditQuery = z.object({
  person: z.preprocess(blankAsUndefined, ulidSchema.optional()),
  project: z.preprocess(blankAsUndefined, ulidSchema.optional()),
  kind: z.preprocess(blankAsUndefined, z.string().max(64).optional()),
  before: z.preprocess(blankAsUndefined, ulidSchema.optional()),
});

/** The audit trail page (admins): who did what, when, filtered by person, project and kind. */
export async function auditLoader(request: Request, orgId: string | undefined) {
  const access = await requireOrgAccess(request, orgId, 'audit:read');
  const parsed = auditQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) {
    throw badRequest(
      `Unknown filter: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`,
    );
  }
  const { person, project, kind, before } = parsed.data;
  return withOrg(db(), access.orgId, async (trx) => {
    const [entries, people, projects, kinds] = await Promise.all([
      listAuditEntries(trx, access.orgId, {
        ...(person ? { actorId: person } : {}),
        ...(project ? { projectId: project } : {}),
        ...(kind ? { resourceType: kind } : {}),
        ...(before ? { before } : {}),
        limit: PAGE + 1,
      }),
      listAssignees(trx, access.orgId),
      listProjects(trx, access.orgId),
      listAuditResourceTypes(trx, access.orgId),
    ]);
    return {
      filters: { person: person ?? '', project: project ?? '', kind: kind ?? '' },
      people,
      projects: projects.map((p) => ({ id: p.id, name: p.name })),
      kinds,
      entries: entries.slice(0, PAGE).map((entry) => ({
        id: entry.id,
        actorName: entry.actor_name,
        action: entry.action,
        resourceType: entry.resource_type,
        resourceId: entry.resource_id,
        changes: entry.changes,
        createdAt: entry.created_at.toISOString(),
      })),
      olderThan: entries.length > PAGE ? entries[PAGE - 1]?.id : undefined,
    };
  });
}
