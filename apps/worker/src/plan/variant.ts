import type { PlanRunStep } from '@specboard/db';
import { recordModelCall } from '@specboard/db/model-stats';
import { startStepAttempt } from '@specboard/db/plan-run-progress';
import { finishPlanRunStep } from '@specboard/db/plan-runs';
import { PipelineError, type StepResult } from '@specboard/pipeline';
import type { AiJobDeps } from '../ai/deps.ts';
import type { ResolvedProvider } from '../ai/providers.ts';
import type { RunWatch } from './run-watch.ts';

export type VariantOutcome = 'succeeded' | 'failed' | 'cancelled';

export interface VariantWork<T> {
  /** Calls the model; the signal fires on cancel or when the job is stopped. */
  call(resolved: ResolvedProvider, signal: AbortSignal): Promise<StepResult<T>>;
  /** Puts the result where people see it; returns what is stored as the step's output. */
  deliver(result: StepResult<T>): Promise<unknown>;
  /** Cleans up what a failed or cancelled attempt left in a document (e.g. a half-streamed suggestion). */
  abandon?(): Promise<void>;
}

/**
 * Runs one variant (one `plan_run_steps` row): records the attempt, the model call's metrics on
 * the row and in `model_stats`, and the reason when it fails. Model failures end the variant;
 * anything else (database down, job stopped) is thrown so pg-boss retries the job.
 */
export async function runVariant<T>(
  deps: AiJobDeps,
  orgId: string,
  row: PlanRunStep,
  watch: RunWatch,
  work: VariantWork<T>,
): Promise<VariantOutcome> {
  const resolved = deps.providers({ provider: row.provider, model: row.model });
  const used = { provider: resolved.provider.name, model: resolved.model };
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
    await finishPlanRunStep(deps.db, orgId, row.id, {
      status: 'failed',
      ...used,
      latencyMs,
      errorMessage: `${error.code}: ${error.reason}`,
    });
    await recordModelCall(deps.db, {
      orgId,
      ...used,
      step: row.step,
      failed: true,
      tokensIn: 0,
      tokensOut: 0,
      latencyMs,
      costUsd: 0,
    });
    return 'failed';
  }
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
    costUsd: result.costUsd,
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
    costUsd: result.costUsd ?? 0,
  });
  log.info({ latencyMs: result.latencyMs, tokensOut: result.tokensOut }, 'step succeeded');
  return 'succeeded';
}
