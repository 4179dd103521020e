import { type ExpressionBuilder, sql, type Transaction } from 'kysely';
import type { Db } from './client.ts';
import { isUlid, newId } from './ids.ts';
import { withOrg } from './org-scope.ts';
import type { Database, Document, DocumentType } from './schema.ts';

/** The document's project is live: a document of an archived project is in the trash with it. */
const inLiveProject = (eb: ExpressionBuilder<Database, 'documents'>) =>
  eb.exists(
    eb
      .selectFrom('projects')
      .select('projects.id')
      .whereRef('projects.id', '=', 'documents.project_id')
      .where('projects.deleted_at', 'is', null),
  );

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
  return withOrg(db, input.orgId, async (trx) => {
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
  return withOrg(db, orgId, async (trx) => {
    return trx
      .selectFrom('documents')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('project_id', '=', projectId)
      .where('deleted_at', 'is', null)
      .orderBy(sql`case type when 'prd' then 0 when 'tech' then 1 else 2 end`)
      .orderBy('title')
      .execute();
  });
}

/**
 * A document of the organisation that is not in the trash (neither deleted nor in an archived
 * project), or undefined: everything that changes a document starts here, so nothing in the
 * trash can be changed. To show a document whatever its state, use `findDocument`.
 */
export async function getDocument(
  db: Db,
  orgId: string,
  id: string,
): Promise<Document | undefined> {
  if (!isUlid(orgId) || !isUlid(id)) return undefined;
  return withOrg(db, orgId, async (trx) => {
    return trx
      .selectFrom('documents')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .where(inLiveProject)
      .executeTakeFirst();
  });
}

/** A document in any state, with whether its project is archived. */
export type DocumentState = Document & { project_archived: boolean };

/** A document of the organisation, deleted or in an archived project included, or undefined. */
export async function findDocument(
  db: Db,
  orgId: string,
  id: string,
): Promise<DocumentState | undefined> {
  if (!isUlid(orgId) || !isUlid(id)) return undefined;
  return withOrg(db, orgId, async (trx) => {
    return trx
      .selectFrom('documents as d')
      .innerJoin('projects as p', 'p.id', 'd.project_id')
      .selectAll('d')
      .select(sql<boolean>`p.deleted_at is not null`.as('project_archived'))
      .where('d.org_id', '=', orgId)
      .where('d.id', '=', id)
      .executeTakeFirst();
  });
}

/** In the trash: deleted, or in an archived project. Read-only until restored. */
export function isInTrash(document: DocumentState): boolean {
  return document.deleted_at !== null || document.project_archived;
}

export async function renameDocument(
  db: Db,
  orgId: string,
  id: string,
  title: string,
): Promise<Document | undefined> {
  if (!isUlid(orgId) || !isUlid(id)) return undefined;
  return withOrg(db, orgId, async (trx) => {
    return trx
      .updateTable('documents')
      .set({ title, updated_at: sql`now()` })
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .where(inLiveProject)
      .returningAll()
      .executeTakeFirst();
  });
}

export async function softDeleteDocument(
  db: Db,
  orgId: string,
  id: string,
): Promise<Document | undefined> {
  if (!isUlid(orgId) || !isUlid(id)) return undefined;
  return withOrg(db, orgId, async (trx) => {
    return trx
      .updateTable('documents')
      .set({ deleted_at: sql`now()`, updated_at: sql`now()` })
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .where(inLiveProject)
      .returningAll()
      .executeTakeFirst();
  });
}

export type RestoreDocumentResult =
  | { ok: true; document: DocumentState }
  | { ok: false; reason: 'not-in-trash' | 'type-taken' };

/**
 * Takes a deleted document out of the trash. Its project may still be archived: the document
 * then returns to that project, which stays in the trash (and read-only) until restored too.
 * `type-taken`: the project has a live PRD or tech spec again, and those are singletons.
 */
export async function restoreDocument(
  db: Db,
  orgId: string,
  id: string,
): Promise<RestoreDocumentResult> {
  if (!isUlid(orgId) || !isUlid(id)) return { ok: false, reason: 'not-in-trash' };
  return withOrg(db, orgId, async (trx) => {
    try {
      const restored = await trx
        .updateTable('documents')
        .set({ deleted_at: null, updated_at: sql`now()` })
        .where('org_id', '=', orgId)
        .where('id', '=', id)
        .where('deleted_at', 'is not', null)
        .returning('id')
        .executeTakeFirst();
      const document = restored ? await findDocument(trx, orgId, restored.id) : undefined;
      return document ? { ok: true, document } : { ok: false, reason: 'not-in-trash' };
    } catch (error) {
      if (isViolationOf(error, 'documents_project_generated_type_key')) {
        return { ok: false, reason: 'type-taken' };
      }
      throw error;
    }
  });
}

function isViolationOf(error: unknown, constraint: string): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'constraint_name' in error &&
    error.constraint_name === constraint
  );
}

export interface DeletedDocument {
  id: string;
  title: string;
  type: DocumentType;
  project_id: string;
  project_name: string;
  project_archived: boolean;
  deleted_at: Date;
  /** Who deleted it, when the activity log says. */
  deleted_by: string | null;
}

/** The organisation's deleted documents, most recently deleted first. */
export async function listDeletedDocuments(db: Db, orgId: string): Promise<DeletedDocument[]> {
  if (!isUlid(orgId)) return [];
  return withOrg(db, orgId, async (trx) => {
    const rows = await trx
      .selectFrom('documents as d')
      .innerJoin('projects as p', 'p.id', 'd.project_id')
      .leftJoinLateral(
        (eb) =>
          eb
            .selectFrom('activity_log as a')
            .leftJoin('users as u', 'u.id', 'a.actor_id')
            .select('u.name')
            .whereRef('a.resource_id', '=', 'd.id')
            .where('a.org_id', '=', orgId)
            .where('a.resource_type', '=', 'document')
            .where('a.action', '=', 'deleted')
            .orderBy('a.created_at', 'desc')
            .limit(1)
            .as('deletion'),
        (join) => join.onTrue(),
      )
      .select(['d.id', 'd.title', 'd.type', 'd.project_id', 'd.deleted_at', 'deletion.name'])
      .select([
        'p.name as project_name',
        sql<boolean>`p.deleted_at is not null`.as('project_archived'),
      ])
      .where('d.org_id', '=', orgId)
      .where('d.deleted_at', 'is not', null)
      .orderBy('d.deleted_at', 'desc')
      .execute();
    return rows.flatMap(({ deleted_at, name, ...row }) =>
      deleted_at ? [{ ...row, deleted_at, deleted_by: name }] : [],
    );
  });
}

/**
 * Deletes a document for good: its versions (through the purge path of migration 0007), its
 * suggestions, its Yjs log and snapshot, and the links tasks keep to its versions. Takes a
 * transaction: the setting that lets versions be deleted lasts until it commits.
 */
export async function purgeDocumentRows(
  trx: Transaction<Database>,
  orgId: string,
  id: string,
): Promise<void> {
  return withOrg(trx, orgId, async (scoped) => {
    await sql`select set_config('specboard.purging_document', ${id}, true)`.execute(scoped);
    const versionIds = scoped
      .selectFrom('document_versions')
      .select('id')
      .where('org_id', '=', orgId)
      .where('document_id', '=', id);
    await scoped
      .updateTable('documents')
      .set({ current_version_id: null })
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .execute();
    for (const table of ['tasks', 'stories', 'epics'] as const) {
      await scoped
        .updateTable(table)
        .set({ source_version_id: null })
        .where('org_id', '=', orgId)
        .where('source_version_id', 'in', versionIds)
        .execute();
    }
    await scoped
      .deleteFrom('ai_suggestions')
      .where('org_id', '=', orgId)
      .where('document_id', '=', id)
      .execute();
    await scoped
      .deleteFrom('document_versions')
      .where('org_id', '=', orgId)
      .where('document_id', '=', id)
      .execute();
    const docName = `doc:${id}`;
    await scoped.deleteFrom('doc_updates').where('doc_name', '=', docName).execute();
    await scoped.deleteFrom('doc_snapshots').where('doc_name', '=', docName).execute();
    await scoped.deleteFrom('presence').where('doc_name', '=', docName).execute();
    await scoped.deleteFrom('documents').where('org_id', '=', orgId).where('id', '=', id).execute();
  });
}

/** Purges a deleted document (see `purgeDocumentRows`); undefined when it is not in the trash. */
export async function purgeDeletedDocument(
  trx: Transaction<Database>,
  orgId: string,
  id: string,
): Promise<Document | undefined> {
  if (!isUlid(orgId) || !isUlid(id)) return undefined;
  return withOrg(trx, orgId, async (scoped) => {
    const document = await scoped
      .selectFrom('documents')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .where('deleted_at', 'is not', null)
      .forUpdate()
      .executeTakeFirst();
    if (!document) return undefined;
    await purgeDocumentRows(scoped, orgId, id);
    return document;
  });
}
