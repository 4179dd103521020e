import { listIdleUnfinishedRuns } from '@specboard/db/plan-runs';
import { aiQueues, runFailedQueue, runSweepQueue } from '@specboard/jobs';
import type { PgBoss } from 'pg-boss';
import { defineJob } from '../job.ts';
import { abandonReason, endAbandonedRun } from '../plan/abandoned-run.ts';

const live = ['created', 'retry', 'active'];

/** Null while some job still works on the run; otherwise why none will. */
async function lostJobReason(boss: PgBoss, runId: string): Promise<string | null> {
  const names = [...aiQueues.map((queue) => queue.name), runFailedQueue.name];
  const found = (
    await Promise.all(names.map((name) => boss.findJobs(name, { data: { runId }, limit: 100 })))
  ).flat();
  if (found.some((job) => live.includes(job.state))) return null;
  const last = found
    .filter((job) => job.name !== runFailedQueue.name)
    .sort((a, b) => a.createdOn.getTime() - b.createdOn.getTime())
    .at(-1);
  if (!last) return 'The job for this run is gone from the job queue (it was deleted).';
  if (last.state === 'cancelled') return 'The job for this run was cancelled in the job queue.';
  if (last.state === 'failed')
    return abandonReason({ output: last.output, retries: last.retryCount });
  return 'The job for this run ended without finishing it.';
}

/**
 * Every minute: ends runs left queued or running whose job is gone without reaching the dead
 * letter queue (cancelled or deleted in pg-boss, or sent before the queue had one), so the
 * run page stops offering "Cancel run" and offers Retry instead, at most ~3 minutes later.
 */
export const runSweepJob = defineJob({
  contract: runSweepQueue,
  cron: '* * * * *',
  async perform(payload, deps) {
    const { boss } = deps;
    if (!boss) throw new Error('the run sweep needs the pg-boss client; run it with startRunner');
    const since = new Date(Date.now() - payload.idleSeconds * 1_000);
    const runs = await listIdleUnfinishedRuns(deps.db, since);
    let ended = 0;
    for (const run of runs) {
      const reason = await lostJobReason(boss, run.id);
      if (reason === null) continue;
      const ref = { orgId: run.org_id, runId: run.id };
      const status = await endAbandonedRun(deps, ref, { reason, since });
      deps.logger.warn({ ...ref, status, reason }, 'ended a run whose job is gone');
      ended++;
    }
    return { checked: runs.length, ended };
  },
});
