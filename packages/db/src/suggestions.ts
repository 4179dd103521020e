import { sql } from 'kysely';
import type { Db } from './client.ts';
import { isUlid } from './ids.ts';
import type { AiSuggestion, SuggestionKind, SuggestionStatus } from './schema.ts';

export interface SuggestionRecord {
  /** The same id the suggestion has in the document's `suggestions` Y.Map. */
  id: string;
  orgId: string;
  documentId: string;
  planRunStepId?: string | null;
  kind: SuggestionKind;
  status?: SuggestionStatus;
  quote: string;
  contentMd: string;
  rationale: string;
  requestedBy: string | null;
  provider: string | null;
  model: string | null;
}

/** Records (or refreshes, for a retried job) the durable record of an AI suggestion. */
export async function recordSuggestion(db: Db, record: SuggestionRecord): Promise<void> {
  await db
    .insertInto('ai_suggestions')
    .values({
      id: record.id,
      org_id: record.orgId,
      document_id: record.documentId,
      plan_run_step_id: record.planRunStepId ?? null,
      kind: record.kind,
      status: record.status ?? 'pending',
      quote: record.quote,
      content_md: record.contentMd,
      rationale: record.rationale,
      requested_by: record.requestedBy,
      provider: record.provider,
      model: record.model,
    })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({
        status: record.status ?? 'pending',
        quote: record.quote,
        content_md: record.contentMd,
        rationale: record.rationale,
        updated_at: sql`now()`,
      }),
    )
    .execute();
}

/** Records who accepted or rejected a suggestion; undefined when it is not the organisation's. */
export async function decideSuggestion(
  db: Db,
  orgId: string,
  id: string,
  decision: { status: 'accepted' | 'rejected'; decidedBy: string },
): Promise<AiSuggestion | undefined> {
  if (!isUlid(orgId) || !isUlid(id)) return undefined;
  return db
    .updateTable('ai_suggestions')
    .set({
      status: decision.status,
      decided_by: decision.decidedBy,
      decided_at: sql`now()`,
      updated_at: sql`now()`,
    })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function listSuggestions(
  db: Db,
  orgId: string,
  documentId: string,
): Promise<AiSuggestion[]> {
  if (!isUlid(orgId) || !isUlid(documentId)) return [];
  return db
    .selectFrom('ai_suggestions')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('document_id', '=', documentId)
    .orderBy('created_at', 'desc')
    .execute();
}
