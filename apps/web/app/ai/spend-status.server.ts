import { getAiSettings } from '@specboard/db/ai-settings';
import { monthSpend } from '@specboard/db/ai-usage';
import { budgetRefusal, budgetWarning } from '@specboard/jobs';
import { db } from '../db.server.ts';
import { env } from '../env.server.ts';

/** What the pages that start AI work show about the organisation's limits before anyone asks. */
export interface SpendStatus {
  /** Models people may pick; empty when any model is allowed. */
  allowedModels: string[];
  /** The soft warning from 80 % of a budget. */
  warning: string | null;
  /** Set once the budget is spent: paid runs will be refused. */
  exhausted: string | null;
  /** Set when no AI endpoint is configured: every run uses the free offline templates. */
  offline: string | null;
}

const offlineNotice =
  'No AI endpoint is configured (OPENAI_API_KEY or OPENAI_BASE_URL), so the offline provider is in use: runs are drafted from templates, call no model and cost nothing. The budgets and model list apply once an endpoint is configured.';

export async function spendStatus(orgId: string): Promise<SpendStatus> {
  const [settings, spend] = await Promise.all([
    getAiSettings(db(), orgId),
    monthSpend(db(), orgId),
  ]);
  if (!env().AI_ENDPOINT_CONFIGURED) {
    const allowedModels = settings.allowedModels;
    return { allowedModels, warning: null, exhausted: null, offline: offlineNotice };
  }
  const exhausted = budgetRefusal(settings, spend);
  return {
    allowedModels: settings.allowedModels,
    warning: exhausted ? null : budgetWarning(settings, spend),
    exhausted: exhausted ? `Paid AI runs are refused: ${exhausted}.` : null,
    offline: null,
  };
}
