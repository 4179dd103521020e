import type { AiSettings } from '@specboard/db/ai-settings';
import type { Spend } from '@specboard/db/ai-usage';

/**
 * The organisation's AI limits as pure decisions: each returns why a run (or a model call) is
 * refused, with the numbers, or null. Used when a run is created and before every model call.
 */

/** The template provider makes no model call: the budget and the allow-lists do not apply. */
export const freeProvider = 'offline';

const dollars = (value: number) => `$${value.toFixed(2)}`;
const tokens = (value: number) => value.toLocaleString('en-US');

/** Refused once this month's tokens or dollars reached the budget (the hard stop at 100 %). */
export function budgetRefusal(settings: AiSettings, spend: Spend): string | null {
  const { monthlyTokenBudget: tokenBudget, monthlyCostBudgetUsd: costBudget } = settings;
  if (tokenBudget !== null && spend.tokens >= tokenBudget) {
    return `budget exhausted (used ${tokens(spend.tokens)} of ${tokens(tokenBudget)} tokens this month)`;
  }
  if (costBudget !== null && spend.costUsd >= costBudget) {
    return `budget exhausted (used ${dollars(spend.costUsd)} of ${dollars(costBudget)} this month)`;
  }
  return null;
}

/** The soft warning from 80 % of either budget. */
export function budgetWarning(settings: AiSettings, spend: Spend): string | null {
  const { monthlyTokenBudget: tokenBudget, monthlyCostBudgetUsd: costBudget } = settings;
  if (tokenBudget !== null && spend.tokens >= tokenBudget * 0.8) {
    return `${Math.floor((spend.tokens / tokenBudget) * 100)} % of this month's token budget used (${tokens(spend.tokens)} of ${tokens(tokenBudget)})`;
  }
  if (costBudget !== null && spend.costUsd >= costBudget * 0.8) {
    return `${Math.floor((spend.costUsd / costBudget) * 100)} % of this month's budget used (${dollars(spend.costUsd)} of ${dollars(costBudget)})`;
  }
  return null;
}

export function concurrencyRefusal(settings: AiSettings, activeRuns: number): string | null {
  const limit = settings.maxConcurrentRuns;
  if (limit === null || activeRuns < limit) return null;
  return `concurrency limit reached (${activeRuns} of ${limit} runs already queued or running)`;
}

/**
 * A provider or model outside the organisation's lists. "auto" (the configured endpoint) and
 * "default" (its default model) are checked by the worker once it knows what they stand for.
 */
export function modelRefusal(
  settings: AiSettings,
  requested: { provider: string; model: string },
): string | null {
  if (requested.provider === freeProvider) return null;
  const { allowedProviders, allowedModels } = settings;
  if (
    requested.provider !== 'auto' &&
    allowedProviders.length > 0 &&
    !allowedProviders.includes(requested.provider)
  ) {
    return `provider "${requested.provider}" is not allowed here (allowed: ${allowedProviders.join(', ')})`;
  }
  if (
    requested.model !== 'default' &&
    allowedModels.length > 0 &&
    !allowedModels.includes(requested.model)
  ) {
    return `model "${requested.model}" is not allowed here (allowed: ${allowedModels.join(', ')})`;
  }
  return null;
}
