import type { Db } from './client.ts';
import { withOrg } from './org-scope.ts';

/** What an organisation allows its AI work to spend. Empty lists and nulls mean "no limit". */
export interface AiSettings {
  allowedProviders: string[];
  allowedModels: string[];
  monthlyTokenBudget: number | null;
  monthlyCostBudgetUsd: number | null;
  maxConcurrentRuns: number | null;
  maxReplyChars: number | null;
}

export const unlimitedAiSettings: AiSettings = {
  allowedProviders: [],
  allowedModels: [],
  monthlyTokenBudget: null,
  monthlyCostBudgetUsd: null,
  maxConcurrentRuns: null,
  maxReplyChars: null,
};

const toNumber = (value: string | number | null): number | null =>
  value === null ? null : Number(value);

/** The organisation's settings, or no limits when its admins never saved any. */
export async function getAiSettings(db: Db, orgId: string): Promise<AiSettings> {
  const row = await withOrg(db, orgId, (trx) =>
    trx.selectFrom('org_ai_settings').selectAll().where('org_id', '=', orgId).executeTakeFirst(),
  );
  if (!row) return unlimitedAiSettings;
  return {
    allowedProviders: row.allowed_providers,
    allowedModels: row.allowed_models,
    monthlyTokenBudget: toNumber(row.monthly_token_budget),
    monthlyCostBudgetUsd: toNumber(row.monthly_cost_budget_usd),
    maxConcurrentRuns: row.max_concurrent_runs,
    maxReplyChars: row.max_reply_chars,
  };
}

export async function saveAiSettings(
  db: Db,
  orgId: string,
  settings: AiSettings,
  updatedBy: string | null,
): Promise<void> {
  const values = {
    allowed_providers: settings.allowedProviders,
    allowed_models: settings.allowedModels,
    monthly_token_budget: settings.monthlyTokenBudget,
    monthly_cost_budget_usd: settings.monthlyCostBudgetUsd,
    max_concurrent_runs: settings.maxConcurrentRuns,
    max_reply_chars: settings.maxReplyChars,
    updated_by: updatedBy,
    updated_at: new Date(),
  };
  await withOrg(db, orgId, (trx) =>
    trx
      .insertInto('org_ai_settings')
      .values({ org_id: orgId, ...values })
      .onConflict((oc) => oc.column('org_id').doUpdateSet(values))
      .execute(),
  );
}
