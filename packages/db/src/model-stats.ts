import { sql } from 'kysely';
import type { Db } from './client.ts';
import { isUlid, newId } from './ids.ts';
import { withOrg } from './org-scope.ts';
import type { ModelStats } from './schema.ts';

export interface ModelCallOutcome {
  orgId: string;
  provider: string;
  model: string;
  step: string;
  failed: boolean;
  tokensIn: number;
  tokensOut: number;
  latencyMs: number;
  costUsd: number;
}

/** Adds one model call to the per-model counters used to compare models. */
export async function recordModelCall(db: Db, call: ModelCallOutcome): Promise<void> {
  return withOrg(db, call.orgId, async (trx) => {
    await trx
      .insertInto('model_stats')
      .values({
        id: newId(),
        org_id: call.orgId,
        provider: call.provider,
        model: call.model,
        step: call.step,
        runs: 1,
        failures: call.failed ? 1 : 0,
        tokens_in: call.tokensIn,
        tokens_out: call.tokensOut,
        latency_ms_total: call.latencyMs,
        cost_usd: call.costUsd,
      })
      .onConflict((oc) =>
        oc.columns(['org_id', 'provider', 'model', 'step']).doUpdateSet({
          runs: sql`model_stats.runs + 1`,
          failures: sql`model_stats.failures + ${call.failed ? 1 : 0}`,
          tokens_in: sql`model_stats.tokens_in + ${call.tokensIn}`,
          tokens_out: sql`model_stats.tokens_out + ${call.tokensOut}`,
          latency_ms_total: sql`model_stats.latency_ms_total + ${call.latencyMs}`,
          cost_usd: sql`model_stats.cost_usd + ${call.costUsd}`,
          updated_at: sql`now()`,
        }),
      )
      .execute();
  });
}

/** Counts a person's accept/reject of a model's suggestion (acceptance rate per model). */
export async function recordModelDecision(
  db: Db,
  key: { orgId: string; provider: string; model: string; step: string },
  decision: 'accepted' | 'rejected',
): Promise<void> {
  return withOrg(db, key.orgId, async (trx) => {
    await trx
      .updateTable('model_stats')
      .set(
        decision === 'accepted'
          ? { accepted: sql`accepted + 1`, updated_at: sql`now()` }
          : { rejected: sql`rejected + 1`, updated_at: sql`now()` },
      )
      .where('org_id', '=', key.orgId)
      .where('provider', '=', key.provider)
      .where('model', '=', key.model)
      .where('step', '=', key.step)
      .execute();
  });
}

export async function listModelStats(db: Db, orgId: string): Promise<ModelStats[]> {
  if (!isUlid(orgId)) return [];
  return withOrg(db, orgId, async (trx) => {
    return trx
      .selectFrom('model_stats')
      .selectAll()
      .where('org_id', '=', orgId)
      .orderBy('step')
      .orderBy('provider')
      .orderBy('model')
      .execute();
  });
}
