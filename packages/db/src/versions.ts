import { sql } from 'kysely';
import type { Db } from './client.ts';
import { isUlid, newId } from './ids.ts';
import type { DocumentVersion, VersionTrigger } from './schema.ts';

export interface NewVersionInput {
  orgId: string;
  documentId: string;
  label?: string | null;
  trigger: VersionTrigger;
  yState: Uint8Array;
  contentJson: unknown;
  contentMd: string;
  createdBy: string | null;
  planRunId?: string | null;
}

/**
 * Records an immutable version with the next number for its document and makes it the
 * document's current version. Concurrent saves of one document are serialised by a
 * per-document advisory lock, so numbers stay gapless and unique.
 * Undefined when the document is not a live document of the organisation.
 */
export async function createVersion(
  db: Db,
  input: NewVersionInput,
): Promise<DocumentVersion | undefined> {
  if (!isUlid(input.orgId) || !isUlid(input.documentId)) return undefined;
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${`version:${input.documentId}`}))`.execute(
      trx,
    );
    const document = await trx
      .selectFrom('documents')
      .select('id')
      .where('org_id', '=', input.orgId)
      .where('id', '=', input.documentId)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!document) return undefined;
    const { next } = await trx
      .selectFrom('document_versions')
      .select(sql<number>`coalesce(max(number), 0) + 1`.as('next'))
      .where('document_id', '=', input.documentId)
      .executeTakeFirstOrThrow();
    const version = await trx
      .insertInto('document_versions')
      .values({
        id: newId(),
        org_id: input.orgId,
        document_id: input.documentId,
        number: next,
        label: input.label ?? null,
        trigger: input.trigger,
        y_state: input.yState,
        content_json: input.contentJson,
        content_md: input.contentMd,
        created_by: input.createdBy,
        plan_run_id: input.planRunId ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('documents')
      .set({ current_version_id: version.id, updated_at: sql`now()` })
      .where('id', '=', input.documentId)
      .execute();
    return version;
  });
}

export type VersionSummary = Omit<
  DocumentVersion,
  'y_state' | 'content_json' | 'content_md' | 'search'
> & {
  created_by_name: string | null;
};

/** A document's versions, newest first, without their contents. */
export async function listVersions(
  db: Db,
  orgId: string,
  documentId: string,
): Promise<VersionSummary[]> {
  if (!isUlid(orgId) || !isUlid(documentId)) return [];
  return db
    .selectFrom('document_versions as v')
    .leftJoin('users as u', 'u.id', 'v.created_by')
    .select([
      'v.id',
      'v.org_id',
      'v.document_id',
      'v.number',
      'v.label',
      'v.trigger',
      'v.created_by',
      'v.plan_run_id',
      'v.created_at',
      'v.updated_at',
      'u.name as created_by_name',
    ])
    .where('v.org_id', '=', orgId)
    .where('v.document_id', '=', documentId)
    .orderBy('v.number', 'desc')
    .execute();
}

/** One version with its contents, or undefined when it is not this organisation's. */
export async function getVersion(
  db: Db,
  orgId: string,
  id: string,
): Promise<DocumentVersion | undefined> {
  if (!isUlid(orgId) || !isUlid(id)) return undefined;
  return db
    .selectFrom('document_versions')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}
