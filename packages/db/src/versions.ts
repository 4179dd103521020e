import { sql } from 'kysely';
import type { Db } from './client.ts';
import { isUlid, newId } from './ids.ts';
import { withCrossTenant, withOrg } from './org-scope.ts';
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
  return withOrg(db, input.orgId, async (trx) => {
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
  return withOrg(db, orgId, async (trx) => {
    return trx
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
  });
}

/** One version with its contents, or undefined when it is not this organisation's. */
export async function getVersion(
  db: Db,
  orgId: string,
  id: string,
): Promise<DocumentVersion | undefined> {
  if (!isUlid(orgId) || !isUlid(id)) return undefined;
  return withOrg(db, orgId, async (trx) => {
    return trx
      .selectFrom('document_versions')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .executeTakeFirst();
  });
}

/** The newest version of a document, or undefined when it has none. */
export async function getLatestVersion(
  db: Db,
  orgId: string,
  documentId: string,
): Promise<DocumentVersion | undefined> {
  if (!isUlid(orgId) || !isUlid(documentId)) return undefined;
  return withOrg(db, orgId, async (trx) => {
    return trx
      .selectFrom('document_versions')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('document_id', '=', documentId)
      .orderBy('number', 'desc')
      .limit(1)
      .executeTakeFirst();
  });
}

export interface VersionSearchHit {
  id: string;
  documentId: string;
  documentTitle: string;
  number: number;
  label: string | null;
  /** Matching text with matches wrapped in «…» markers. */
  snippet: string;
  createdAt: Date;
}

/**
 * Full-text search over every version of one document (`search` is a generated tsvector of
 * label and Markdown), best matches first, then newest.
 */
export async function searchVersions(
  db: Db,
  {
    orgId,
    documentId,
    query,
    limit = 20,
  }: { orgId: string; documentId: string; query: string; limit?: number },
): Promise<VersionSearchHit[]> {
  if (!isUlid(orgId) || !isUlid(documentId) || query.trim() === '') return [];
  return withOrg(db, orgId, async (trx) => {
    const tsQuery = sql`websearch_to_tsquery('english', ${query})`;
    const rows = await trx
      .selectFrom('document_versions as v')
      .innerJoin('documents as d', 'd.id', 'v.document_id')
      .select([
        'v.id',
        'v.document_id',
        'd.title',
        'v.number',
        'v.label',
        'v.created_at',
        sql<string>`ts_headline('english', coalesce(v.label, '') || ' ' || v.content_md, ${tsQuery}, 'StartSel=«, StopSel=», MaxFragments=2, MaxWords=18, MinWords=6')`.as(
          'snippet',
        ),
        sql<number>`ts_rank(v.search, ${tsQuery})`.as('rank'),
      ])
      .where('v.org_id', '=', orgId)
      .where('v.document_id', '=', documentId)
      .where(sql<boolean>`v.search @@ ${tsQuery}`)
      .orderBy('rank', 'desc')
      .orderBy('v.number', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      documentId: r.document_id,
      documentTitle: r.title,
      number: r.number,
      label: r.label,
      snippet: r.snippet,
      createdAt: r.created_at,
    }));
  });
}

export interface IdleDocument {
  orgId: string;
  documentId: string;
}

/**
 * Live documents whose last change is at least `idleSeconds` before `now` (default: the
 * database's clock) and newer than their latest version (or that have none): candidates for an
 * automatic version. The last change is the newest log row or, when compaction has emptied the
 * log, the newest time it folded away (`doc_activity`).
 */
export async function listIdleChangedDocuments(
  db: Db,
  { idleSeconds, now, limit = 50 }: { idleSeconds: number; now?: Date; limit?: number },
): Promise<IdleDocument[]> {
  return withCrossTenant(
    db,
    'automatic versions: idle documents of every organisation',
    async (trx) => {
      const { rows } = await sql<{ org_id: string; id: string }>`
    select d.org_id, d.id
    from (
      select doc_name, max(changed_at) as changed_at from (
        select doc_name, max(created_at) as changed_at from doc_updates
        where doc_name like 'doc:%'
        group by doc_name
        union all
        select doc_name, last_changed_at from doc_activity
        where doc_name like 'doc:%'
      ) times
      group by doc_name
    ) u
    join documents d on d.id = substr(u.doc_name, 5)
    left join lateral (
      select created_at from document_versions v
      where v.document_id = d.id order by number desc limit 1
    ) latest on true
    where d.deleted_at is null
      and u.changed_at < coalesce(${now ?? null}::timestamptz, now())
        - make_interval(secs => ${idleSeconds})
      and (latest.created_at is null or latest.created_at < u.changed_at)
    order by u.changed_at
    limit ${limit}`.execute(trx);
      return rows.map((r) => ({ orgId: r.org_id, documentId: r.id }));
    },
  );
}
