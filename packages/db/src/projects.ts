import { sql } from 'kysely';
import type { Db } from './client.ts';
import { isUlid, newId } from './ids.ts';
import type { Project, ProjectConstraints } from './schema.ts';

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
  return db
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
}

/** The organisation's projects, newest first; archived ones only when asked for. */
export async function listProjects(
  db: Db,
  orgId: string,
  options: { includeArchived?: boolean } = {},
): Promise<Project[]> {
  if (!isUlid(orgId)) return [];
  let query = db.selectFrom('projects').selectAll().where('org_id', '=', orgId);
  if (!options.includeArchived) query = query.where('deleted_at', 'is', null);
  return query.orderBy('created_at', 'desc').execute();
}

/** A project of this organisation (archived included), or undefined. */
export async function getProject(db: Db, orgId: string, id: string): Promise<Project | undefined> {
  if (!isUlid(orgId) || !isUlid(id)) return undefined;
  return db
    .selectFrom('projects')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
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
  return db
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
}

/** Soft-deletes: the project leaves lists but its documents and versions are kept. */
export async function archiveProject(
  db: Db,
  orgId: string,
  id: string,
): Promise<Project | undefined> {
  if (!isUlid(orgId) || !isUlid(id)) return undefined;
  return db
    .updateTable('projects')
    .set({ status: 'archived', deleted_at: sql`now()`, updated_at: sql`now()` })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}
