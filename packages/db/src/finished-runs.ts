import type { Db } from './client.ts';
import { newId } from './ids.ts';
import { withOrg } from './org-scope.ts';
import type { PlanRun, PlanRunStep } from './schema.ts';

export interface FinishedStepInput {
  step: string;
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
  latencyMs: number;
}

export interface FinishedPlanRunInput {
  orgId: string;
  projectId: string;
  triggeredBy: string | null;
  provider: string;
  model: string;
  inputSnapshot: Record<string, unknown>;
  /** When the run was queued; it starts a second later and its steps run one after another. */
  queuedAt: Date;
  steps: readonly FinishedStepInput[];
}

/**
 * Records a run that already succeeded, with its steps, usage and timings, in one transaction:
 * demo data and imports, where nothing is executed. Live runs go through `createPlanRun` and
 * the worker's step transitions instead, which stamp times with the database clock.
 */
export async function recordFinishedPlanRun(
  db: Db,
  input: FinishedPlanRunInput,
): Promise<{ run: PlanRun; steps: PlanRunStep[] }> {
  const startedAt = new Date(input.queuedAt.getTime() + 1_000);
  let clock = startedAt.getTime();
  const timed = input.steps.map((s) => {
    const started = new Date(clock);
    clock += s.latencyMs;
    return { ...s, started, finished: new Date(clock) };
  });
  const sum = (pick: (s: FinishedStepInput) => number) =>
    input.steps.reduce((total, s) => total + pick(s), 0);
  return withOrg(db, input.orgId, async (trx) => {
    const run = await trx
      .insertInto('plan_runs')
      .values({
        id: newId(),
        org_id: input.orgId,
        project_id: input.projectId,
        triggered_by: input.triggeredBy,
        status: 'succeeded',
        provider: input.provider,
        model: input.model,
        input_snapshot: input.inputSnapshot,
        metrics: {
          tokensIn: sum((s) => s.tokensIn),
          tokensOut: sum((s) => s.tokensOut),
          costUsd: Math.round(sum((s) => s.costUsd) * 1e6) / 1e6,
          latencyMs: sum((s) => s.latencyMs),
        },
        created_at: input.queuedAt,
        updated_at: new Date(clock),
        started_at: startedAt,
        finished_at: new Date(clock),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const steps =
      timed.length === 0
        ? []
        : await trx
            .insertInto('plan_run_steps')
            .values(
              timed.map((s) => ({
                id: newId(),
                org_id: input.orgId,
                plan_run_id: run.id,
                step: s.step,
                status: 'succeeded' as const,
                attempt: 1,
                provider: input.provider,
                model: input.model,
                request_meta: {},
                rate_limits: {},
                tokens_in: s.tokensIn,
                tokens_out: s.tokensOut,
                cost_usd: s.costUsd,
                latency_ms: s.latencyMs,
                created_at: input.queuedAt,
                updated_at: s.finished,
                started_at: s.started,
                finished_at: s.finished,
              })),
            )
            .returningAll()
            .execute();
    return { run, steps };
  });
}
