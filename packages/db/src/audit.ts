import { type ExpressionBuilder, sql } from 'kysely';
import type { Db } from './client.ts';
import { isUlid } from './ids.ts';
import type { ActivityEntry, Database } from './schema.ts';

export interface AuditFilters {
  actorId?: string;
  projectId?: string;
  /** A resource type: project, document, plan_run, board, task, invitation, member, … */
  resourceType?: string;
  /** Entry id to page back from (exclusive). */
  before?: string;
  limit?: number;
}

export type AuditEntry = ActivityEntry & { actor_name: string | null };

/**
 * Entries about a project: the project itself, its board, and its documents, runs and tasks
 * (tasks that are gone are still found by the `projectId` their entries carry).
 */
function aboutProject(eb: ExpressionBuilder<Database, 'activity_log'>, projectId: string) {
  const inProject = (table: 'documents' | 'plan_runs' | 'tasks') =>
    eb.selectFrom(table).select(`${table}.id`).where(`${table}.project_id`, '=', projectId);
  return eb.or([
    eb.and([eb('resource_type', 'in', ['project', 'board']), eb('resource_id', '=', projectId)]),
    eb.and([eb('resource_type', '=', 'document'), eb('resource_id', 'in', inProject('documents'))]),
    eb.and([eb('resource_type', '=', 'plan_run'), eb('resource_id', 'in', inProject('plan_runs'))]),
    eb.and([eb('resource_type', '=', 'task'), eb('resource_id', 'in', inProject('tasks'))]),
    eb(sql<string>`changes->>'projectId'`, '=', projectId),
  ]);
}

/** The organisation's audit trail, newest first, filtered and paged by entry id. */
export async function listAuditEntries(
  db: Db,
  orgId: string,
  filters: AuditFilters = {},
): Promise<AuditEntry[]> {
  if (!isUlid(orgId)) return [];
  let query = db
    .selectFrom('activity_log')
    .leftJoin('users as u', 'u.id', 'activity_log.actor_id')
    .selectAll('activity_log')
    .select('u.name as actor_name')
    .where('activity_log.org_id', '=', orgId);
  if (filters.actorId) query = query.where('activity_log.actor_id', '=', filters.actorId);
  if (filters.resourceType) {
    query = query.where('activity_log.resource_type', '=', filters.resourceType);
  }
  const { projectId, before } = filters;
  if (projectId) query = query.where((eb) => aboutProject(eb, projectId));
  if (before && isUlid(before)) query = query.where('activity_log.id', '<', before);
  return query
    .orderBy('activity_log.id', 'desc')
    .limit(filters.limit ?? 50)
    .execute();
}

/** The resource types the organisation's trail holds, for the filter. */
export async function listAuditResourceTypes(db: Db, orgId: string): Promise<string[]> {
  if (!isUlid(orgId)) return [];
  const rows = await db
    .selectFrom('activity_log')
    .select('resource_type')
    .distinct()
    .where('org_id', '=', orgId)
    .orderBy('resource_type')
    .execute();
  return rows.map((row) => row.resource_type);
}
