import { sql } from 'kysely';
import type { Db } from './client.ts';
import { isUlid, newId } from './ids.ts';
import type { Document, DocumentType } from './schema.ts';

export interface NewDocumentInput {
  orgId: string;
  projectId: string;
  type: DocumentType;
  title: string;
  createdBy: string | null;
}

/**
 * Creates a document in a live project of the organisation; undefined when the project is not
 * there. A second live PRD or tech spec in one project violates `documents_project_generated_type_key`.
 */
export async function createDocument(
  db: Db,
  input: NewDocumentInput,
): Promise<Document | undefined> {
  if (!isUlid(input.orgId) || !isUlid(input.projectId)) return undefined;
  return db.transaction().execute(async (trx) => {
    const project = await trx
      .selectFrom('projects')
      .select('id')
      .where('org_id', '=', input.orgId)
      .where('id', '=', input.projectId)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!project) return undefined;
    return trx
      .insertInto('documents')
      .values({
        id: newId(),
        org_id: input.orgId,
        project_id: input.projectId,
        type: input.type,
        title: input.title,
        created_by: input.createdBy,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

/** Live documents of a project: PRD, then tech spec, then notes by title. */
export async function listDocuments(db: Db, orgId: string, projectId: string): Promise<Document[]> {
  if (!isUlid(orgId) || !isUlid(projectId)) return [];
  return db
    .selectFrom('documents')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('project_id', '=', projectId)
    .where('deleted_at', 'is', null)
    .orderBy(sql`case type when 'prd' then 0 when 'tech' then 1 else 2 end`)
    .orderBy('title')
    .execute();
}

/** A live document of the organisation, or undefined. */
export async function getDocument(
  db: Db,
  orgId: string,
  id: string,
): Promise<Document | undefined> {
  if (!isUlid(orgId) || !isUlid(id)) return undefined;
  return db
    .selectFrom('documents')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export async function renameDocument(
  db: Db,
  orgId: string,
  id: string,
  title: string,
): Promise<Document | undefined> {
  if (!isUlid(orgId) || !isUlid(id)) return undefined;
  return db
    .updateTable('documents')
    .set({ title, updated_at: sql`now()` })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

export async function softDeleteDocument(
  db: Db,
  orgId: string,
  id: string,
): Promise<Document | undefined> {
  if (!isUlid(orgId) || !isUlid(id)) return undefined;
  return db
    .updateTable('documents')
    .set({ deleted_at: sql`now()`, updated_at: sql`now()` })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}
