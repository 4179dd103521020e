import type { PlanRunStep } from '@specboard/db';
import { recordModelCall } from '@specboard/db/model-stats';
import { startStepAttempt } from '@specboard/db/plan-run-progress';
import { finishPlanRunStep } from '@specboard/db/plan-runs';
import { estimateCostUsd, PipelineError, type StepResult } from '@specboard/pipeline';
import { callAllowance, withReplyLimit } from '../ai/call-allowance.ts';
import type { AiJobDeps } from '../ai/deps.ts';
import type { ResolvedProvider } from '../ai/providers.ts';
import type { RunWatch } from './run-watch.ts';

/** `stopped`: the organisation's limits refused the call before it was made. */
export type VariantOutcome = 'succeeded' | 'failed' | 'cancelled' | 'stopped';

export interface VariantWork<T> {
  /** Calls the model; the signal fires on cancel or when the job is stopped. */
  call(resolved: ResolvedProvider, signal: AbortSignal): Promise<StepResult<T>>;
  /** Puts the result where people see it; returns what is stored as the step's output. */
  deliver(result: StepResult<T>): Promise<unknown>;
  /** Cleans up what a failed or cancelled attempt left in a document (e.g. a half-streamed suggestion). */
  abandon?(): Promise<void>;
}

/**
 * Runs one variant (one `plan_run_steps` row): checks the organisation's budget and allow-list
 * right before the call (a refused call leaves the row `skipped` with the reason), records the
 * attempt, the model call's metrics (costed with the organisation's prices) on the row and in
 * `model_stats`, and the reason when it fails. Model failures end the variant; anything else
 * (database down, job stopped) is thrown so pg-boss retries the job.
 */
export async function runVariant<T>(
  deps: AiJobDeps,
  orgId: string,
  row: PlanRunStep,
  watch: RunWatch,
  work: VariantWork<T>,
): Promise<VariantOutcome> {
  const requested = deps.providers({ provider: row.provider, model: row.model });
  const used = { provider: requested.provider.name, model: requested.model };
  const allowance = await callAllowance(deps.db, orgId, used);
  if (allowance.stop) {
    deps.logger.info({ stepId: row.id, reason: allowance.stop }, 'step stopped before its call');
    await finishPlanRunStep(deps.db, orgId, row.id, {
      status: 'skipped',
      errorMessage: allowance.stop,
    });
    return 'stopped';
  }
  const resolved = {
    ...requested,
    provider: withReplyLimit(requested.provider, allowance.maxReplyChars),
  };
  const attempt = await startStepAttempt(deps.db, orgId, row.id, used);
  const log = deps.logger.child({ stepId: row.id, step: row.step, variant: row.variant, attempt });
  const started = performance.now();
  let result: StepResult<T>;
  try {
    result = await work.call(resolved, watch.signal);
  } catch (error) {
    await work.abandon?.();
    if (watch.cancelled) {
      await finishPlanRunStep(deps.db, orgId, row.id, {
        status: 'cancelled',
        errorMessage: 'cancelled',
      });
      return 'cancelled';
    }
    if (!(error instanceof PipelineError) || error.code === 'aborted') throw error;
    const latencyMs = Math.round(performance.now() - started);
    log.warn({ code: error.code, reason: error.reason }, 'step failed');
    // Replies rejected before the failure were paid for: they count against the budget too.
    const { tokensIn, tokensOut } = error;
    const costUsd = estimateCostUsd(allowance.prices, used.model, tokensIn, tokensOut);
    await finishPlanRunStep(deps.db, orgId, row.id, {
      status: 'failed',
      ...used,
      latencyMs,
      tokensIn,
      tokensOut,
      costUsd,
      errorMessage: `${error.code}: ${error.reason}`,
    });
    await recordModelCall(deps.db, {
      orgId,
      ...used,
      step: row.step,
      failed: true,
      tokensIn,
      tokensOut,
      latencyMs,
      costUsd: costUsd ?? 0,
    });
    return 'failed';
  }
  const costUsd =
    estimateCostUsd(allowance.prices, result.model, result.tokensIn, result.tokensOut) ??
    result.costUsd;
  const output = await work.deliver(result);
  await finishPlanRunStep(deps.db, orgId, row.id, {
    status: 'succeeded',
    output,
    provider: result.provider,
    model: result.model,
    promptHash: result.promptHash,
    requestMeta: { ...result.requestMeta, attempts: result.attempts },
    rateLimits: result.rateLimits,
    tokensIn: result.tokensIn,
    tokensOut: result.tokensOut,
    costUsd,
    latencyMs: result.latencyMs,
    errorMessage: null,
  });
  await recordModelCall(deps.db, {
    orgId,
    provider: result.provider,
    model: result.model,
    step: row.step,
    failed: false,
    tokensIn: result.tokensIn,
    tokensOut: result.tokensOut,
    latencyMs: result.latencyMs,
    costUsd: costUsd ?? 0,
  });
  log.info({ latencyMs: result.latencyMs, tokensOut: result.tokensOut }, 'step succeeded');
  return 'succeeded';
}
