import { setRunStepsStatus } from '@specboard/db/plan-run-progress';
import { getPlanRun } from '@specboard/db/plan-runs';
import type { AiJobDeps } from '../ai/deps.ts';
import { emitFromJob } from '../integrations/emit-event.ts';
import { runEndedEvent } from '../integrations/run-events.ts';
import { endRun } from '../notify/run-ended.ts';
import { finalRunStatus, runMetrics } from './run-status.ts';
import type { RunWatch } from './run-watch.ts';

/**
 * Ends a run after its steps: cancelled when a person cancelled it, otherwise succeeded,
 * partial or failed from its steps. A job stopped by pg-boss throws instead, so the job is
 * retried and picks up where it stopped.
 */
export async function finishRun(
  deps: AiJobDeps,
  ref: { orgId: string; runId: string },
  watch: RunWatch,
): Promise<string> {
  if (watch.cancelled) {
    await setRunStepsStatus(deps.db, ref.orgId, ref.runId, ['queued', 'running'], 'cancelled', {
      errorMessage: 'cancelled',
    });
    return 'cancelled';
  }
  if (watch.signal.aborted) {
    throw new Error(`run ${ref.runId} was interrupted; the job will be retried`, {
      cause: watch.signal.reason,
    });
  }
  const found = await getPlanRun(deps.db, ref.orgId, ref.runId);
  const rows = found?.steps ?? [];
  const { status, errorMessage } = finalRunStatus(rows);
  const details = { errorMessage, metrics: runMetrics(rows) };
  await endRun(deps.db, ref, ['running'], status, details, async (trx) => {
    const event = found && runEndedEvent(ref.orgId, found.run, status, errorMessage);
    if (event) await emitFromJob(deps, trx, ref.orgId, [event]);
  });
  return status;
}
