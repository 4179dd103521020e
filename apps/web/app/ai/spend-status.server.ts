import { getAiSettings } from '@specboard/db/ai-settings';
import { monthSpend } from '@specboard/db/ai-usage';
import { budgetRefusal, budgetWarning } from '@specboard/jobs';
import { db } from '../db.server.ts';

/** What the pages that start AI work show about the organisation's limits before anyone asks. */
export interface SpendStatus {
  /** Models people may pick; empty when any model is allowed. */
  allowedModels: string[];
  /** The soft warning from 80 % of a budget. */
  warning: string | null;
  /** Set once the budget is spent: paid runs will be refused. */
  exhausted: string | null;
}

export async function spendStatus(orgId: string): Promise<SpendStatus> {
  const [settings, spend] = await Promise.all([
    getAiSettings(db(), orgId),
    monthSpend(db(), orgId),
  ]);
  const exhausted = budgetRefusal(settings, spend);
  return {
    allowedModels: settings.allowedModels,
    warning: exhausted ? null : budgetWarning(settings, spend),
    exhausted: exhausted ? `Paid AI runs are refused: ${exhausted}.` : null,
  };
}
