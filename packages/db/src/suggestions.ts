import { sql } from 'kysely';
import type { Db } from './client.ts';
import { isUlid } from './ids.ts';
import { recordModelDecision } from './model-stats.ts';
import { withOrg } from './org-scope.ts';
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
  return withOrg(db, record.orgId, async (trx) => {
    await trx
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
        oc
          .column('id')
          .doUpdateSet({
            status: record.status ?? 'pending',
            quote: record.quote,
            content_md: record.contentMd,
            rationale: record.rationale,
            updated_at: sql`now()`,
          })
          // A person's decision is final: a retried job never reopens it.
          .where('ai_suggestions.status', 'in', ['pending', 'streaming', 'failed']),
      )
      .execute();
  });
}

/** Which of `ids` already have a record (a retried job rewrites its own suggestions). */
export async function findSuggestionIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('ai_suggestions').select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((row) => row.id));
}

export type SuggestionDecision =
  | { outcome: 'decided'; suggestion: AiSuggestion }
  | { outcome: 'already_decided'; suggestion: AiSuggestion }
  | { outcome: 'not_found' };

/**
 * Records who accepted or rejected a pending suggestion of a document, and counts the decision
 * for the model that wrote it (acceptance rate in `model_stats`), in one transaction. Only the
 * first decision counts: two people deciding at once get `already_decided` for the second.
 */
export async function decideSuggestion(
  db: Db,
  target: { orgId: string; documentId: string; id: string },
  decision: { status: 'accepted' | 'rejected'; decidedBy: string },
): Promise<SuggestionDecision> {
  if (!isUlid(target.orgId) || !isUlid(target.documentId) || !isUlid(target.id)) {
    return { outcome: 'not_found' };
  }
  return withOrg(db, target.orgId, async (trx) => {
    const current = await trx
      .selectFrom('ai_suggestions')
      .selectAll()
      .where('org_id', '=', target.orgId)
      .where('document_id', '=', target.documentId)
      .where('id', '=', target.id)
      .forUpdate()
      .executeTakeFirst();
    if (!current) return { outcome: 'not_found' };
    if (current.status !== 'pending' && current.status !== 'streaming') {
      return { outcome: 'already_decided', suggestion: current };
    }
    const suggestion = await trx
      .updateTable('ai_suggestions')
      .set({
        status: decision.status,
        decided_by: decision.decidedBy,
        decided_at: sql`now()`,
        updated_at: sql`now()`,
      })
      .where('id', '=', current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const step = current.plan_run_step_id
      ? await trx
          .selectFrom('plan_run_steps')
          .select('step')
          .where('id', '=', current.plan_run_step_id)
          .executeTakeFirst()
      : undefined;
    if (step && current.provider && current.model) {
      await recordModelDecision(
        trx,
        { orgId: target.orgId, provider: current.provider, model: current.model, step: step.step },
        decision.status,
      );
    }
    return { outcome: 'decided', suggestion };
  });
}

/** One suggestion record of a document, or undefined. */
export async function getSuggestion(
  db: Db,
  target: { orgId: string; documentId: string; id: string },
): Promise<AiSuggestion | undefined> {
  if (!isUlid(target.orgId) || !isUlid(target.documentId) || !isUlid(target.id)) return undefined;
  return withOrg(db, target.orgId, async (trx) => {
    return trx
      .selectFrom('ai_suggestions')
      .selectAll()
      .where('org_id', '=', target.orgId)
      .where('document_id', '=', target.documentId)
      .where('id', '=', target.id)
      .executeTakeFirst();
  });
}

export async function listSuggestions(
  db: Db,
  orgId: string,
  documentId: string,
): Promise<AiSuggestion[]> {
  if (!isUlid(orgId) || !isUlid(documentId)) return [];
  return withOrg(db, orgId, async (trx) => {
    return trx
      .selectFrom('ai_suggestions')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('document_id', '=', documentId)
      .orderBy('created_at', 'desc')
      .execute();
  });
}
