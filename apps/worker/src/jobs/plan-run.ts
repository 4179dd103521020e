import { planRunQueue } from '@specboard/jobs';
import type { AiJobDeps } from '../ai/deps.ts';
import { defineJob } from '../job.ts';
import { executePlanRun } from '../plan/execute-run.ts';

/** "Generate": runs prd → tech → breakdown → tasks of a queued run. Repeats resume, never duplicate. */
export const planRunJob = defineJob<typeof planRunQueue.payload, AiJobDeps>({
  contract: planRunQueue,
  async perform(payload, deps) {
    return { status: await executePlanRun(deps, payload, { continueRun: true }) };
  },
});
