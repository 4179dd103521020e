import { runFailedQueue } from '@specboard/jobs';
import type { AiJobDeps } from '../ai/deps.ts';
import { defineJob } from '../job.ts';
import { abandonReason, endAbandonedRun } from '../plan/abandoned-run.ts';

/** The dead letter queue of the AI jobs: ends the run of a job that failed for good. */
export const runFailedJob = defineJob<typeof runFailedQueue.payload, AiJobDeps>({
  contract: runFailedQueue,
  async perform(payload, deps) {
    const failed = deps.deadLettered;
    if (!failed) {
      throw new Error(`${runFailedQueue.name} only takes jobs that pg-boss dead-lettered`);
    }
    const status = await endAbandonedRun(deps, payload, {
      reason: abandonReason(failed),
      since: failed.createdOn,
    });
    deps.logger.warn(
      { ...payload, failedQueue: failed.queue, retries: failed.retries, status },
      'ended a run whose job failed for good',
    );
    return { status };
  },
});
