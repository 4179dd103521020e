import type { PlanRun, PlanRunStep, Project } from '@specboard/db';
import { setRunStepsStatus, transitionPlanRun } from '@specboard/db/plan-run-progress';
import { getPlanRun } from '@specboard/db/plan-runs';
import { getProject } from '@specboard/db/projects';
import { type PlanStepName, planStepNames, type RunInput, runInputSchema } from '@specboard/jobs';
import type { AiJobDeps } from '../ai/deps.ts';
import { finishRun } from './finish-run.ts';
import { type RunWatch, watchRun } from './run-watch.ts';
import { workForPlanStep } from './steps.ts';
import { runVariant } from './variant.ts';

export interface PlanContext {
  deps: AiJobDeps;
  orgId: string;
  run: PlanRun;
  project: Project;
  input: Extract<RunInput, { kind: 'plan' }>;
  watch: RunWatch;
  /** The run's step rows as they are now. */
  rows(): Promise<PlanRunStep[]>;
}

export interface ExecuteOptions {
  /** Retry: run this step's unfinished variants again (and, with continueRun, the later steps). */
  retryStep?: PlanStepName | undefined;
  continueRun: boolean;
}

const unfinished = ['queued', 'running'] as const;

/**
 * Runs a plan's steps in order, each step's variants in parallel. Safe to repeat after a crash:
 * steps that succeeded are skipped, a step left `running` by a dead worker runs again (and
 * writes to the same suggestion ids). Returns the run's final status.
 */
export async function executePlanRun(
  deps: AiJobDeps,
  ref: { orgId: string; runId: string },
  options: ExecuteOptions,
): Promise<string> {
  const found = await getPlanRun(deps.db, ref.orgId, ref.runId);
  if (!found) {
    deps.logger.warn(ref, 'plan run not found; nothing to do');
    return 'missing';
  }
  const input = runInputSchema.parse(found.run.input_snapshot);
  const project = await getProject(deps.db, ref.orgId, found.run.project_id);
  if (input.kind !== 'plan' || !project) throw new Error(`run ${ref.runId} is not a plan run`);
  if (!(await transitionPlanRun(deps.db, ref.orgId, ref.runId, ['queued', 'running'], 'running'))) {
    // Cancelled before it started, or already finished by an earlier attempt of this job.
    await setRunStepsStatus(deps.db, ref.orgId, ref.runId, unfinished, 'cancelled');
    return found.run.status;
  }
  const first = options.retryStep ? planStepNames.indexOf(options.retryStep) : 0;
  const stepsToRun = planStepNames.slice(first, options.continueRun ? undefined : first + 1);
  if (options.retryStep) {
    const reopen = found.steps.filter(
      (row) => stepsToRun.some((name) => name === row.step) && row.status !== 'succeeded',
    );
    await setRunStepsStatus(
      deps.db,
      ref.orgId,
      ref.runId,
      ['failed', 'cancelled', 'skipped'],
      'queued',
      {
        stepIds: reopen.map((row) => row.id),
      },
    );
  }
  const watch = watchRun(deps.db, ref, { pollMs: deps.cancelPollMs, jobSignal: deps.signal });
  const rows = async () => (await getPlanRun(deps.db, ref.orgId, ref.runId))?.steps ?? [];
  const context: PlanContext = {
    deps,
    orgId: ref.orgId,
    run: found.run,
    project,
    input,
    watch,
    rows,
  };
  try {
    for (const step of stepsToRun) {
      if (await watch.checkNow()) break;
      const current = await rows();
      const previous = planStepNames[planStepNames.indexOf(step) - 1];
      if (previous && !current.some((row) => row.step === previous && row.status === 'succeeded')) {
        await setRunStepsStatus(deps.db, ref.orgId, ref.runId, ['queued'], 'skipped', {
          stepIds: current.filter((row) => row.step === step).map((row) => row.id),
          errorMessage: `skipped: "${previous}" did not succeed`,
        });
        continue;
      }
      const pending = current.filter(
        (row) => row.step === step && (row.status === 'queued' || row.status === 'running'),
      );
      await Promise.all(
        pending.map(async (row) =>
          runVariant(deps, ref.orgId, row, watch, await workForPlanStep(context, row)),
        ),
      );
    }
  } finally {
    watch.stop();
  }
  return finishRun(deps, ref, watch);
}
