import { planStepQueue } from '@specboard/jobs';
import type { AiJobDeps } from '../ai/deps.ts';
import { defineJob } from '../job.ts';
import { executePlanRun } from '../plan/execute-run.ts';

/** "Retry" on a failed step: runs that step's unfinished variants again, then the later steps. */
export const planStepJob = defineJob<typeof planStepQueue.payload, AiJobDeps>({
  contract: planStepQueue,
  async perform(payload, deps) {
    const status = await executePlanRun(deps, payload, {
      retryStep: payload.step,
      continueRun: payload.continueRun,
    });
    return { status };
  },
});
