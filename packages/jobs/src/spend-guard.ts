import type { Db } from '@specboard/db';
import { getAiSettings } from '@specboard/db/ai-settings';
import { activeRunCount, lockAiSpend, monthSpend } from '@specboard/db/ai-usage';
import { createPlanRun, type NewPlanRunInput } from '@specboard/db/plan-runs';
import { EnqueueError } from './run-requests.ts';
import { budgetRefusal, concurrencyRefusal, freeProvider, modelRefusal } from './spend-policy.ts';

type StepChoice = NewPlanRunInput['steps'][number];

/** What the process creating runs knows of the AI endpoint the worker calls. */
export interface AiEndpoint {
  /**
   * False when neither an API key nor a base URL is configured: the worker then drafts every
   * step with the offline templates whatever provider it names, so no step is paid. Default true.
   */
  configured?: boolean;
}

/**
 * Refuses, before any row is written or any model called, AI work the organisation's settings
 * do not allow: a provider or model off its lists, one run more than its concurrency limit, or
 * any paid call once the month's budget is spent. Steps on the offline templates (asked for, or
 * the only provider when no endpoint is configured) meet only the concurrency limit, as the
 * worker's own check before each call treats them. Holds the organisation's spend lock until the
 * caller's transaction ends, so concurrent requests are checked one after another.
 */
export async function assertRunAllowed(
  trx: Db,
  orgId: string,
  steps: readonly Required<Pick<StepChoice, 'provider' | 'model'>>[],
  endpoint: AiEndpoint = {},
): Promise<void> {
  await lockAiSpend(trx, orgId);
  const settings = await getAiSettings(trx, orgId);
  const paid =
    endpoint.configured === false ? [] : steps.filter((step) => step.provider !== freeProvider);
  for (const step of paid) {
    const refused = modelRefusal(settings, step);
    if (refused) throw new EnqueueError('refused', `Refused: ${refused}.`);
  }
  const concurrency = concurrencyRefusal(settings, await activeRunCount(trx, orgId));
  if (concurrency) throw new EnqueueError('refused', `Refused: ${concurrency}.`);
  if (paid.length === 0) return;
  const budget = budgetRefusal(settings, await monthSpend(trx, orgId));
  if (budget) throw new EnqueueError('refused', `Refused: ${budget}.`);
}

/**
 * The one way AI runs are created: every kind (plan, Ask AI, review, tasks from a version) goes
 * through here, inside the transaction that also sends its job. With a model allow-list, a step
 * asking for the endpoint's "default" model gets the organisation's first allowed model.
 */
export async function createAllowedRun(trx: Db, input: NewPlanRunInput, endpoint: AiEndpoint = {}) {
  if (!trx.isTransaction)
    throw new Error('createAllowedRun needs the transaction that sends the job');
  const settings = await getAiSettings(trx, input.orgId);
  const fallbackModel = settings.allowedModels[0];
  const steps = input.steps.map((step) => {
    const provider = step.provider ?? input.provider;
    const model = step.model ?? input.model;
    const resolved =
      model === 'default' && fallbackModel !== undefined && provider !== freeProvider
        ? fallbackModel
        : model;
    return { ...step, provider, model: resolved };
  });
  await assertRunAllowed(trx, input.orgId, steps, endpoint);
  return createPlanRun(trx, { ...input, steps });
}
