import { sql, type Transaction } from 'kysely';
import type { Db } from './client.ts';
import { purgeDocumentRows } from './documents.ts';
import { isUlid, newId } from './ids.ts';
import { withOrg } from './org-scope.ts';
import type { Database, Project, ProjectConstraints } from './schema.ts';

export interface NewProjectInput {
  orgId: string;
  name: string;
  idea?: string;
  constraints?: ProjectConstraints;
  preferredProvider?: string | null;
  preferredModel?: string | null;
  createdBy: string | null;
}

export async function createProject(db: Db, input: NewProjectInput): Promise<Project> {
  return withOrg(db, input.orgId, async (trx) => {
    return trx
      .insertInto('projects')
      .values({
        id: newId(),
        org_id: input.orgId,
        name: input.name,
        idea: input.idea ?? '',
        constraints: input.constraints ?? {},
        preferred_provider: input.preferredProvider ?? null,
        preferred_model: input.preferredModel ?? null,
        created_by: input.createdBy,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

/** The organisation's projects, newest first; archived ones only when asked for. */
export async function listProjects(
  db: Db,
  orgId: string,
  options: { includeArchived?: boolean } = {},
): Promise<Project[]> {
  if (!isUlid(orgId)) return [];
  return withOrg(db, orgId, async (trx) => {
    let query = trx.selectFrom('projects').selectAll().where('org_id', '=', orgId);
    if (!options.includeArchived) query = query.where('deleted_at', 'is', null);
    return query.orderBy('created_at', 'desc').execute();
  });
}

/** A project of this organisation (archived included), or undefined. */
export async function getProject(db: Db, orgId: string, id: string): Promise<Project | undefined> {
  if (!isUlid(orgId) || !isUlid(id)) return undefined;
  return withOrg(db, orgId, async (trx) => {
    return trx
      .selectFrom('projects')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .executeTakeFirst();
  });
}

export interface ProjectPatch {
  name?: string;
  idea?: string;
  constraints?: ProjectConstraints;
  preferredProvider?: string | null;
  preferredModel?: string | null;
}

/** Applies the patch to a live project; undefined when it is not this organisation's. */
export async function updateProject(
  db: Db,
  orgId: string,
  id: string,
  patch: ProjectPatch,
): Promise<Project | undefined> {
  if (!isUlid(orgId) || !isUlid(id)) return undefined;
  return withOrg(db, orgId, async (trx) => {
    return trx
      .updateTable('projects')
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.idea !== undefined ? { idea: patch.idea } : {}),
        ...(patch.constraints !== undefined ? { constraints: patch.constraints } : {}),
        ...(patch.preferredProvider !== undefined
          ? { preferred_provider: patch.preferredProvider }
          : {}),
        ...(patch.preferredModel !== undefined ? { preferred_model: patch.preferredModel } : {}),
        updated_at: sql`now()`,
      })
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  });
}

/** Soft-deletes: the project leaves lists but its documents and versions are kept. */
export async function archiveProject(
  db: Db,
  orgId: string,
  id: string,
): Promise<Project | undefined> {
  if (!isUlid(orgId) || !isUlid(id)) return undefined;
  return withOrg(db, orgId, async (trx) => {
    return trx
      .updateTable('projects')
      .set({ status: 'archived', deleted_at: sql`now()`, updated_at: sql`now()` })
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
  });
}

/** Takes an archived project out of the trash; undefined when it is not archived. */
export async function restoreProject(
  db: Db,
  orgId: string,
  id: string,
): Promise<Project | undefined> {
  if (!isUlid(orgId) || !isUlid(id)) return undefined;
  return withOrg(db, orgId, async (trx) => {
    return trx
      .updateTable('projects')
      .set({ status: 'active', deleted_at: null, updated_at: sql`now()` })
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .where('deleted_at', 'is not', null)
      .returningAll()
      .executeTakeFirst();
  });
}

export interface ArchivedProject {
  id: string;
  name: string;
  archived_at: Date;
  /** Who archived it, when the activity log says. */
  archived_by: string | null;
  /** Its documents not deleted on their own (those are listed as deleted documents). */
  document_count: number;
}

/** The organisation's archived projects, most recently archived first. */
export async function listArchivedProjects(db: Db, orgId: string): Promise<ArchivedProject[]> {
  if (!isUlid(orgId)) return [];
  return withOrg(db, orgId, async (trx) => {
    const rows = await trx
      .selectFrom('projects as p')
      .leftJoinLateral(
        (eb) =>
          eb
            .selectFrom('activity_log as a')
            .leftJoin('users as u', 'u.id', 'a.actor_id')
            .select('u.name')
            .whereRef('a.resource_id', '=', 'p.id')
            .where('a.org_id', '=', orgId)
            .where('a.resource_type', '=', 'project')
            .where('a.action', '=', 'archived')
            .orderBy('a.created_at', 'desc')
            .limit(1)
            .as('archiving'),
        (join) => join.onTrue(),
      )
      .select(['p.id', 'p.name', 'p.deleted_at', 'archiving.name as archived_by'])
      .select((eb) =>
        eb
          .selectFrom('documents as d')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('d.project_id', '=', 'p.id')
          .where('d.deleted_at', 'is', null)
          .as('document_count'),
      )
      .where('p.org_id', '=', orgId)
      .where('p.deleted_at', 'is not', null)
      .orderBy('p.deleted_at', 'desc')
      .execute();
    return rows.flatMap(({ deleted_at, document_count, ...row }) =>
      deleted_at ? [{ ...row, archived_at: deleted_at, document_count: document_count ?? 0 }] : [],
    );
  });
}

/**
 * Deletes an archived project for good: every document of it (as `purgeDocumentRows` does), its
 * board (tasks, stories, epics and the Yjs rows of `board:<id>`) and its plan runs. Undefined
 * when it is not an archived project of the organisation. The activity log keeps its history.
 */
export async function purgeArchivedProject(
  trx: Transaction<Database>,
  orgId: string,
  id: string,
): Promise<Project | undefined> {
  if (!isUlid(orgId) || !isUlid(id)) return undefined;
  return withOrg(trx, orgId, async (scoped) => {
    const project = await scoped
      .selectFrom('projects')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .where('deleted_at', 'is not', null)
      .forUpdate()
      .executeTakeFirst();
    if (!project) return undefined;
    const documents = await scoped
      .selectFrom('documents')
      .select('id')
      .where('org_id', '=', orgId)
      .where('project_id', '=', id)
      .execute();
    for (const document of documents) await purgeDocumentRows(scoped, orgId, document.id);
    for (const table of ['tasks', 'stories', 'epics', 'plan_runs'] as const) {
      await scoped
        .deleteFrom(table)
        .where('org_id', '=', orgId)
        .where('project_id', '=', id)
        .execute();
    }
    const boardName = `board:${id}`;
    await scoped.deleteFrom('doc_updates').where('doc_name', '=', boardName).execute();
    await scoped.deleteFrom('doc_snapshots').where('doc_name', '=', boardName).execute();
    await scoped.deleteFrom('presence').where('doc_name', '=', boardName).execute();
    await scoped.deleteFrom('projects').where('org_id', '=', orgId).where('id', '=', id).execute();
    return project;
  });
}
