import type { Db } from './client.ts';
import { isUlid, newId } from './ids.ts';
import { withOrg } from './org-scope.ts';
import type { ActivityEntry } from './schema.ts';

export interface ActivityInput {
  orgId: string;
  actorId: string | null;
  resourceType: string;
  resourceId: string;
  action: string;
  changes?: Record<string, unknown>;
}

export async function recordActivity(db: Db, entry: ActivityInput): Promise<void> {
  return withOrg(db, entry.orgId, async (trx) => {
    await trx
      .insertInto('activity_log')
      .values({
        id: newId(),
        org_id: entry.orgId,
        actor_id: entry.actorId,
        resource_type: entry.resourceType,
        resource_id: entry.resourceId,
        action: entry.action,
        changes: entry.changes ?? {},
      })
      .execute();
  });
}

export type ActivityWithActor = ActivityEntry & { actor_name: string | null };

/** Recent activity of the organisation, newest first, optionally for one resource. */
export async function listActivity(
  db: Db,
  orgId: string,
  options: { resourceType?: string; resourceId?: string; limit?: number } = {},
): Promise<ActivityWithActor[]> {
  if (!isUlid(orgId)) return [];
  return withOrg(db, orgId, async (trx) => {
    let query = trx
      .selectFrom('activity_log as a')
      .leftJoin('users as u', 'u.id', 'a.actor_id')
      .selectAll('a')
      .select('u.name as actor_name')
      .where('a.org_id', '=', orgId);
    if (options.resourceType) query = query.where('a.resource_type', '=', options.resourceType);
    if (options.resourceId) query = query.where('a.resource_id', '=', options.resourceId);
    return query
      .orderBy('a.created_at', 'desc')
      .orderBy('a.id', 'desc')
      .limit(options.limit ?? 50)
      .execute();
  });
}
