import { setRunStepsStatus } from '@specboard/db/plan-run-progress';
import { getPlanRun } from '@specboard/db/plan-runs';
import { z } from 'zod';
import type { JobDeps } from '../job.ts';
import { endRun } from '../notify/run-ended.ts';
import { finalRunStatus, runMetrics } from './run-status.ts';

/** pg-boss stores a thrown error serialised, and its own expiries as `{ value: { message } }`. */
const failureOutput = z.union([
  z
    .object({ value: z.object({ message: z.string() }) })
    .transform((output) => output.value.message),
  z.object({ message: z.string() }).transform((output) => output.message),
]);

/** Why a job that failed for good gave up, in words for the run page (never empty). */
export function abandonReason(job: { output: unknown; retries: number }): string {
  const attempts = job.retries + 1;
  const parsed = failureOutput.safeParse(job.output);
  const message = parsed.success ? parsed.data.trim() : '';
  const last = `the last of ${attempts} attempt${attempts === 1 ? '' : 's'}`;
  if (message === 'job heartbeat timeout') {
    return `The worker running this step stopped responding (it crashed or was killed) on ${last}.`;
  }
  if (message === 'job timed out') return `The step ran past its time limit on ${last}.`;
  if (message !== '') return `Failed on ${last}: ${message}`;
  return `The job running this step failed on ${last} without an error message.`;
}

/**
 * Ends a run whose job is gone (pg-boss gave up on it, or it was cancelled or deleted in the
 * queue): the steps that were running (or, when none had started, the first unfinished one) fail
 * with `reason`, the later ones are skipped, and the run becomes failed or partial, so the run
 * page offers Retry. A run a person cancelled only has its leftover steps cancelled; a run that
 * finished, or was reopened by a retry after `since` (when the lost job was sent), belongs to
 * another job and is left alone.
 */
export async function endAbandonedRun(
  deps: JobDeps,
  ref: { orgId: string; runId: string },
  abandoned: { reason: string; since: Date },
): Promise<string> {
  const found = await getPlanRun(deps.db, ref.orgId, ref.runId);
  if (!found) return 'missing';
  const { run, steps } = found;
  if (run.status === 'cancelled') {
    await setRunStepsStatus(deps.db, ref.orgId, run.id, ['queued', 'running'], 'cancelled', {
      errorMessage: 'cancelled',
    });
    return run.status;
  }
  const reopened = run.status === 'queued' && run.updated_at > abandoned.since;
  if ((run.status !== 'queued' && run.status !== 'running') || reopened) return run.status;
  const unfinished = steps.filter((row) => row.status === 'queued' || row.status === 'running');
  const running = unfinished.filter((row) => row.status === 'running');
  const culprits =
    running.length > 0 ? running : unfinished.filter((row) => row.step === unfinished[0]?.step);
  const { reason } = abandoned;
  await setRunStepsStatus(deps.db, ref.orgId, run.id, ['queued', 'running'], 'failed', {
    stepIds: culprits.map((row) => row.id),
    errorMessage: reason,
  });
  await setRunStepsStatus(deps.db, ref.orgId, run.id, ['queued'], 'skipped', {
    errorMessage: `skipped: "${culprits[0]?.step ?? 'an earlier step'}" did not succeed`,
  });
  const rows = (await getPlanRun(deps.db, ref.orgId, ref.runId))?.steps ?? [];
  const { status, errorMessage } = finalRunStatus(rows);
  await endRun(deps.db, ref, ['queued', 'running'], status, {
    errorMessage: errorMessage ?? reason,
    metrics: runMetrics(rows),
  });
  return status;
}
