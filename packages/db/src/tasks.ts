import { sql, type Transaction } from 'kysely';
import type { Db } from './client.ts';
import { isUlid } from './ids.ts';
import type { Database, Task } from './schema.ts';

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
 * The board document is written by browsers, so its references are only hints: a card may name
 * an epic, story, assignee or version that does not exist (or belongs elsewhere). Those are
 * projected as null rather than failing the whole projection on a foreign key.
 */
async function existingReferences(
  trx: Transaction<Database>,
  orgId: string,
  rows: readonly BoardTaskRow[],
): Promise<(id: string | null) => string | null> {
  const wanted = (pick: (r: BoardTaskRow) => string | null) => [
    ...new Set(rows.map(pick).filter((id): id is string => id !== null && isUlid(id))),
  ];
  const found = new Set<string>();
  const collect = async (table: 'epics' | 'stories' | 'document_versions', ids: string[]) => {
    if (ids.length === 0) return;
    const hits = await trx
      .selectFrom(table)
      .select('id')
      .where('org_id', '=', orgId)
      .where('id', 'in', ids)
      .execute();
    for (const hit of hits) found.add(hit.id);
  };
  await collect(
    'epics',
    wanted((r) => r.epicId),
  );
  await collect(
    'stories',
    wanted((r) => r.storyId),
  );
  await collect(
    'document_versions',
    wanted((r) => r.sourceVersionId),
  );
  const assignees = wanted((r) => r.assigneeId);
  if (assignees.length > 0) {
    const members = await trx
      .selectFrom('members')
      .select('user_id')
      .where('organization_id', '=', orgId)
      .where('user_id', 'in', assignees)
      .execute();
    for (const member of members) found.add(member.user_id);
  }
  return (id) => (id !== null && found.has(id) ? id : null);
}

/**
 * Makes the `tasks` rows of a project equal to the board's cards: upserts every changed row and
 * deletes the ones no longer on the board. Idempotent: re-running it writes nothing.
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
    const known = await existingReferences(trx, orgId, rows);
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
          assignee_id: known(r.assigneeId),
          labels: r.labels,
          depends_on: r.dependsOn,
          acceptance_criteria: r.acceptanceCriteria,
          epic_id: known(r.epicId),
          story_id: known(r.storyId),
          source_version_id: known(r.sourceVersionId),
          source_anchor: r.sourceAnchor,
        })),
      )
      .onConflict((oc) =>
        oc
          .column('id')
          .doUpdateSet((eb) => ({
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
          }))
          // A card id that belongs to another project's row is never taken over (ids come from
          // browsers), and unchanged rows are not rewritten.
          .where(
            sql<boolean>`tasks.org_id = excluded.org_id and tasks.project_id = excluded.project_id
            and (tasks.title, tasks.description, tasks.status, tasks.board_order, tasks.estimate,
            tasks.priority, tasks.assignee_id, tasks.labels, tasks.depends_on, tasks.acceptance_criteria,
            tasks.epic_id, tasks.story_id, tasks.source_version_id, tasks.source_anchor)
            is distinct from (excluded.title, excluded.description, excluded.status, excluded.board_order,
            excluded.estimate, excluded.priority, excluded.assignee_id, excluded.labels, excluded.depends_on,
            excluded.acceptance_criteria, excluded.epic_id, excluded.story_id, excluded.source_version_id,
            excluded.source_anchor)`,
          ),
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

export interface BreakdownStoryRow {
  id: string;
  title: string;
  description: string;
  acceptanceCriteria: unknown[];
  sourceAnchor: string | null;
}

export interface BreakdownEpicRow {
  id: string;
  title: string;
  description: string;
  sourceAnchor: string | null;
  stories: BreakdownStoryRow[];
}

/**
 * Records the epics and stories a breakdown of `versionId` produced (immutable records the board
 * cards point at). Ids are chosen by the caller, so a retried job inserts nothing twice.
 */
export async function recordBreakdown(
  db: Db,
  input: {
    orgId: string;
    projectId: string;
    versionId: string | null;
    epics: readonly BreakdownEpicRow[];
  },
): Promise<void> {
  if (!isUlid(input.orgId) || !isUlid(input.projectId)) throw new Error('Not a project id');
  const common = {
    org_id: input.orgId,
    project_id: input.projectId,
    source_version_id: input.versionId,
  };
  await db.transaction().execute(async (trx) => {
    if (input.epics.length === 0) return;
    await trx
      .insertInto('epics')
      .values(
        input.epics.map((epic) => ({
          ...common,
          id: epic.id,
          title: epic.title,
          description: epic.description,
          source_anchor: epic.sourceAnchor,
        })),
      )
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    const stories = input.epics.flatMap((epic) =>
      epic.stories.map((story) => ({
        ...common,
        id: story.id,
        epic_id: epic.id,
        title: story.title,
        description: story.description,
        acceptance_criteria: story.acceptanceCriteria,
        source_anchor: story.sourceAnchor,
      })),
    );
    if (stories.length === 0) return;
    await trx
      .insertInto('stories')
      .values(stories)
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  });
}

/** Projects whose board document logged a change in the last `seconds` (to re-project). */
export async function listRecentlyChangedBoards(
  db: Db,
  seconds: number,
): Promise<{ orgId: string; projectId: string }[]> {
  const { rows } = await sql<{ org_id: string; id: string }>`
    select p.org_id, p.id from projects p
    where p.deleted_at is null and exists (
      select 1 from doc_updates u
      where u.doc_name = 'board:' || p.id
        and u.created_at > now() - make_interval(secs => ${seconds})
    )`.execute(db);
  return rows.map((r) => ({ orgId: r.org_id, projectId: r.id }));
}

/** The organisation of a live project, for system jobs that start from a project id alone. */
export async function findLiveProjectOrg(db: Db, projectId: string): Promise<string | undefined> {
  if (!isUlid(projectId)) return undefined;
  const row = await db
    .selectFrom('projects')
    .select('org_id')
    .where('id', '=', projectId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row?.org_id;
}

/** Who a card can be assigned to: the organisation's members, by name. */
export async function listAssignees(
  db: Db,
  orgId: string,
): Promise<{ id: string; name: string }[]> {
  if (!isUlid(orgId)) return [];
  return db
    .selectFrom('members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.name'])
    .where('m.organization_id', '=', orgId)
    .orderBy('u.name')
    .execute();
}

/** A project's epics (id and title), e.g. to name swimlanes and exports. */
export async function listEpics(
  db: Db,
  orgId: string,
  projectId: string,
): Promise<{ id: string; title: string }[]> {
  if (!isUlid(orgId) || !isUlid(projectId)) return [];
  return db
    .selectFrom('epics')
    .select(['id', 'title'])
    .where('org_id', '=', orgId)
    .where('project_id', '=', projectId)
    .orderBy('id')
    .execute();
}
