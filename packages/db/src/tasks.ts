import { sql, type Transaction } from 'kysely';
import {
  type BoardProjectionChanges,
  diffBoardProjection,
  isEmptyChange,
} from './board-projection-changes.ts';
import type { Db } from './client.ts';
import { isUlid } from './ids.ts';
import { withCrossTenant, withOrg } from './org-scope.ts';
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
 * What the `tasks` columns can hold. Card values come from any client, so each is brought into
 * range instead of failing the whole projection: `estimate` is `numeric(8, 2)`; `status` and
 * `board_order` share a btree entry (at most ~2,700 bytes); `title || description` feeds a
 * tsvector (at most 1 MB); Postgres text and jsonb refuse NUL characters and lone surrogates.
 */
export const taskLimits = {
  estimate: 999_999.99,
  titleChars: 1_000,
  descriptionChars: 50_000,
  statusBytes: 256,
  orderBytes: 1_024,
  shortTextChars: 1_000,
} as const;

/** A string Postgres accepts: well formed, no NUL, at most `maxChars` UTF-16 units. */
function cleanText(text: string, maxChars: number): string {
  return text.slice(0, maxChars).toWellFormed().replaceAll('\u0000', '');
}

/** Like `cleanText`, cut to at most `maxBytes` of UTF-8 without splitting a character. */
function cleanBytes(text: string, maxBytes: number): string {
  const clean = cleanText(text, maxBytes);
  if (Buffer.byteLength(clean) <= maxBytes) return clean;
  let bytes = 0;
  let end = 0;
  for (const char of clean) {
    bytes += Buffer.byteLength(char);
    if (bytes > maxBytes) break;
    end += char.length;
  }
  return clean.slice(0, end);
}

const cleanNullable = (text: string | null, maxChars: number) =>
  text === null ? null : cleanText(text, maxChars);

/** Strings inside a JSON value made acceptable to jsonb (see `cleanText`). */
function cleanJson(value: unknown): unknown {
  if (typeof value === 'string') return cleanText(value, taskLimits.descriptionChars);
  if (Array.isArray(value)) return value.map(cleanJson);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [cleanText(key, 200), cleanJson(item)]),
    );
  }
  return value;
}

/** `numeric(8, 2)`: rounded to cents and held within ±999,999.99; not-a-number is no estimate. */
export function clampEstimate(estimate: number | null): number | null {
  if (estimate === null || Number.isNaN(estimate)) return null;
  const cents = Math.round(estimate * 100) / 100;
  return Math.min(taskLimits.estimate, Math.max(-taskLimits.estimate, cents));
}

/** A row every column of `tasks` accepts. */
export function clampTaskRow(row: BoardTaskRow): BoardTaskRow {
  return {
    ...row,
    title: cleanText(row.title, taskLimits.titleChars),
    description: cleanText(row.description, taskLimits.descriptionChars),
    status: cleanBytes(row.status, taskLimits.statusBytes),
    order: cleanBytes(row.order, taskLimits.orderBytes),
    estimate: clampEstimate(row.estimate),
    priority: cleanNullable(row.priority, taskLimits.shortTextChars),
    labels: row.labels.map((label) => cleanText(label, taskLimits.shortTextChars)),
    dependsOn: row.dependsOn.map((id) => cleanText(id, taskLimits.shortTextChars)),
    acceptanceCriteria: row.acceptanceCriteria.map(cleanJson),
    sourceAnchor: cleanNullable(row.sourceAnchor, taskLimits.shortTextChars),
  };
}

/**
 * Rows per insert: 17 parameters each, so 17,000 a statement, well under the 65,534 a
 * statement can carry (postgres.js, Postgres' wire protocol).
 */
const upsertChunk = 1_000;

/**
 * The board document is written by browsers, so its references are only hints: a card may name
 * an epic, story, assignee or version that does not exist (or belongs elsewhere). Those are
 * projected as null rather than failing the whole projection on a foreign key. Ids go as one
 * array parameter, so any number of cards fits.
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
      .where(sql<boolean>`id = any(${ids}::text[])`)
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
      .where(sql<boolean>`user_id = any(${assignees}::text[])`)
      .execute();
    for (const member of members) found.add(member.user_id);
  }
  return (id) => (id !== null && found.has(id) ? id : null);
}

async function upsertTasks(
  trx: Transaction<Database>,
  orgId: string,
  projectId: string,
  rows: readonly BoardTaskRow[],
  known: (id: string | null) => string | null,
): Promise<void> {
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
}

/** Cards new since the last projection, and cards whose column changed (with the old one). */
export interface BoardChanges {
  created: BoardTaskRow[];
  moved: { row: BoardTaskRow; from: string }[];
}

function boardChanges(
  stored: readonly { id: string; status: string }[],
  rows: readonly BoardTaskRow[],
): BoardChanges {
  const before = new Map(stored.map((r) => [r.id, r.status]));
  const changes: BoardChanges = { created: [], moved: [] };
  for (const row of rows) {
    const from = before.get(row.id);
    if (from === undefined) changes.created.push(row);
    else if (from !== row.status) changes.moved.push({ row, from });
  }
  return changes;
}

/**
 * Makes the `tasks` rows of a project equal to the board's cards: upserts every changed row (in
 * chunks, with every value brought into its column's range) and deletes the ones no longer on
 * the board. Idempotent: re-running it writes nothing. Returns what changed; `onChanges` runs in
 * the same transaction (under the board's lock) when something did, with the counts, moves and
 * assignments and the created and moved rows, so audit entries, notifications and outgoing
 * events commit exactly with the rows.
 */
export async function replaceBoardProjection(
  db: Db,
  { orgId, projectId, rows }: { orgId: string; projectId: string; rows: readonly BoardTaskRow[] },
  onChanges?: (
    trx: Transaction<Database>,
    changes: BoardProjectionChanges,
    cards: BoardChanges,
  ) => Promise<void>,
): Promise<BoardProjectionChanges> {
  if (!isUlid(orgId) || !isUlid(projectId)) throw new Error(`Not a project id: ${projectId}`);
  const clamped = rows.map(clampTaskRow);
  return withOrg(db, orgId, async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${`board:${projectId}`}))`.execute(trx);
    // The rows to delete are found here rather than with `not in (…)` or an anti-join against
    // the card ids: the first needs a parameter per card, and the planner, blind to the size of
    // a freshly filled project, picked a nested loop for the second (28 s for 10,000 cards).
    const kept = new Set(clamped.map((r) => r.id));
    const stored = await trx
      .selectFrom('tasks')
      .select(['id', 'status', 'assignee_id'])
      .where('org_id', '=', orgId)
      .where('project_id', '=', projectId)
      .execute();
    const gone = stored.map((r) => r.id).filter((id) => !kept.has(id));
    if (gone.length > 0) {
      await trx
        .deleteFrom('tasks')
        .where('org_id', '=', orgId)
        .where('project_id', '=', projectId)
        .where(sql<boolean>`id = any(${gone}::text[])`)
        .execute();
    }
    const changes = diffBoardProjection(stored, clamped);
    if (clamped.length > 0) {
      const known = await existingReferences(trx, orgId, clamped);
      for (let start = 0; start < clamped.length; start += upsertChunk) {
        await upsertTasks(trx, orgId, projectId, clamped.slice(start, start + upsertChunk), known);
      }
    }
    if (onChanges && !isEmptyChange(changes)) {
      await onChanges(trx, changes, boardChanges(stored, clamped));
    }
    return changes;
  });
}

/** A project's tasks in board order: by status, then fractional-index key. */
export async function listTasks(db: Db, orgId: string, projectId: string): Promise<Task[]> {
  if (!isUlid(orgId) || !isUlid(projectId)) return [];
  return withOrg(db, orgId, async (trx) => {
    return trx
      .selectFrom('tasks')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('project_id', '=', projectId)
      .orderBy('status')
      .orderBy('board_order')
      .execute();
  });
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
  await withOrg(db, input.orgId, async (trx) => {
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
  return withCrossTenant(
    db,
    'board projection sweep: boards changed in every organisation',
    async (trx) => {
      const { rows } = await sql<{ org_id: string; id: string }>`
    select p.org_id, p.id from projects p
    where p.deleted_at is null and exists (
      select 1 from doc_updates u
      where u.doc_name = 'board:' || p.id
        and u.created_at > now() - make_interval(secs => ${seconds})
    )`.execute(trx);
      return rows.map((r) => ({ orgId: r.org_id, projectId: r.id }));
    },
  );
}

/** The organisation of a live project, for system jobs that start from a project id alone. */
export async function findLiveProjectOrg(db: Db, projectId: string): Promise<string | undefined> {
  if (!isUlid(projectId)) return undefined;
  return withCrossTenant(
    db,
    'board projection: which organisation owns a changed board',
    async (trx) => {
      const row = await trx
        .selectFrom('projects')
        .select('org_id')
        .where('id', '=', projectId)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      return row?.org_id;
    },
  );
}

/** Who a card can be assigned to: the organisation's members, by name. */
export async function listAssignees(
  db: Db,
  orgId: string,
): Promise<{ id: string; name: string }[]> {
  if (!isUlid(orgId)) return [];
  return withOrg(db, orgId, async (trx) => {
    return trx
      .selectFrom('members as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['u.id', 'u.name'])
      .where('m.organization_id', '=', orgId)
      .orderBy('u.name')
      .execute();
  });
}

/** A project's epics (id and title), e.g. to name swimlanes and exports. */
export async function listEpics(
  db: Db,
  orgId: string,
  projectId: string,
): Promise<{ id: string; title: string }[]> {
  if (!isUlid(orgId) || !isUlid(projectId)) return [];
  return withOrg(db, orgId, async (trx) => {
    return trx
      .selectFrom('epics')
      .select(['id', 'title'])
      .where('org_id', '=', orgId)
      .where('project_id', '=', projectId)
      .orderBy('id')
      .execute();
  });
}

/** A task with its rank in its column and the column's size. */
export type RankedTask = Task & { in_column: string };

/**
 * The first `perColumn` tasks of each column (status) of a project in board order, each with the
 * number of tasks in its column: what a board paints before its live document has synced.
 */
export async function listFirstTasksPerColumn(
  db: Db,
  orgId: string,
  projectId: string,
  perColumn: number,
): Promise<RankedTask[]> {
  if (!isUlid(orgId) || !isUlid(projectId)) return [];
  return withOrg(db, orgId, async (trx) => {
    const ranked = trx
      .selectFrom('tasks')
      .selectAll()
      .select([
        sql<string>`row_number() over (partition by status order by board_order, id)`.as('rank'),
        sql<string>`count(*) over (partition by status)`.as('in_column'),
      ])
      .where('org_id', '=', orgId)
      .where('project_id', '=', projectId);
    const rows = await trx
      .selectFrom(ranked.as('ranked'))
      .selectAll()
      .where('rank', '<=', String(perColumn))
      .execute();
    return rows.map(({ rank: _rank, ...task }) => task);
  });
}

/** The distinct versions a project's tasks were created from. */
export async function listTaskSourceVersionIds(
  db: Db,
  orgId: string,
  projectId: string,
): Promise<string[]> {
  if (!isUlid(orgId) || !isUlid(projectId)) return [];
  return withOrg(db, orgId, async (trx) => {
    const rows = await trx
      .selectFrom('tasks')
      .select('source_version_id')
      .distinct()
      .where('org_id', '=', orgId)
      .where('project_id', '=', projectId)
      .where('source_version_id', 'is not', null)
      .execute();
    return rows.flatMap((row) => (row.source_version_id ? [row.source_version_id] : []));
  });
}
