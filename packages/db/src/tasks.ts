import { sql } from 'kysely';
import type { Db } from './client.ts';
import { isUlid } from './ids.ts';
import type { Task } from './schema.ts';

/** One card of the board document, flattened for the `tasks` projection. */
export interface BoardTaskRow {
  id: string;
  title: string;
  description: string;
  status: string;
  order: string;
  estimate: number | null;
  priority: string | null;
  assigneeId: string | null;
  labels: string[];
  dependsOn: string[];
  acceptanceCriteria: unknown[];
  epicId: string | null;
  storyId: string | null;
  sourceVersionId: string | null;
  sourceAnchor: string | null;
}

/**
 * Makes the `tasks` rows of a project equal to the board's cards: upserts every row and deletes
 * the ones no longer on the board. Idempotent, so re-running a projection is harmless.
 */
export async function replaceBoardProjection(
  db: Db,
  { orgId, projectId, rows }: { orgId: string; projectId: string; rows: readonly BoardTaskRow[] },
): Promise<void> {
  if (!isUlid(orgId) || !isUlid(projectId)) throw new Error(`Not a project id: ${projectId}`);
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${`board:${projectId}`}))`.execute(trx);
    const ids = rows.map((r) => r.id);
    let removal = trx
      .deleteFrom('tasks')
      .where('org_id', '=', orgId)
      .where('project_id', '=', projectId);
    if (ids.length > 0) removal = removal.where('id', 'not in', ids);
    await removal.execute();
    if (rows.length === 0) return;
    await trx
      .insertInto('tasks')
      .values(
        rows.map((r) => ({
          id: r.id,
          org_id: orgId,
          project_id: projectId,
          title: r.title,
          description: r.description,
          status: r.status,
          board_order: r.order,
          estimate: r.estimate,
          priority: r.priority,
          assignee_id: r.assigneeId,
          labels: r.labels,
          depends_on: r.dependsOn,
          acceptance_criteria: r.acceptanceCriteria,
          epic_id: r.epicId,
          story_id: r.storyId,
          source_version_id: r.sourceVersionId,
          source_anchor: r.sourceAnchor,
        })),
      )
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          title: eb.ref('excluded.title'),
          description: eb.ref('excluded.description'),
          status: eb.ref('excluded.status'),
          board_order: eb.ref('excluded.board_order'),
          estimate: eb.ref('excluded.estimate'),
          priority: eb.ref('excluded.priority'),
          assignee_id: eb.ref('excluded.assignee_id'),
          labels: eb.ref('excluded.labels'),
          depends_on: eb.ref('excluded.depends_on'),
          acceptance_criteria: eb.ref('excluded.acceptance_criteria'),
          epic_id: eb.ref('excluded.epic_id'),
          story_id: eb.ref('excluded.story_id'),
          source_version_id: eb.ref('excluded.source_version_id'),
          source_anchor: eb.ref('excluded.source_anchor'),
          updated_at: sql`now()`,
        })),
      )
      .execute();
  });
}

/** A project's tasks in board order: by status, then fractional-index key. */
export async function listTasks(db: Db, orgId: string, projectId: string): Promise<Task[]> {
  if (!isUlid(orgId) || !isUlid(projectId)) return [];
  return db
    .selectFrom('tasks')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('project_id', '=', projectId)
    .orderBy('status')
    .orderBy('board_order')
    .execute();
}
