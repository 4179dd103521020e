import { versionTasksQueue } from '@specboard/jobs';
import type { AiJobDeps } from '../ai/deps.ts';
import { executeVersionTasksRun } from '../ai/version-tasks-run.ts';
import { defineJob } from '../job.ts';

/** "Create tasks from this version": a recorded run whose tasks land on the project's board. */
export const versionTasksJob = defineJob<typeof versionTasksQueue.payload, AiJobDeps>({
  contract: versionTasksQueue,
  async perform(payload, deps) {
    return { status: await executeVersionTasksRun(deps, payload) };
  },
});
