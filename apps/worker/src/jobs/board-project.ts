import { boardProjectQueue } from '@specboard/jobs';
import { projectBoard } from '../board/projection.ts';
import { defineJob } from '../job.ts';

/** Projects one board into `tasks` (enqueued, debounced, after board changes). */
export const boardProjectJob = defineJob({
  contract: boardProjectQueue,
  async perform({ orgId, projectId }, deps) {
    const projected = await projectBoard(deps, orgId, projectId);
    deps.logger.debug({ projectId, ...projected }, 'board projected');
    return projected;
  },
});
