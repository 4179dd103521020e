import { listRecentlyChangedBoards } from '@specboard/db/tasks';
import { z } from 'zod';
import { defineJob } from '../job.ts';
import { projectBoard } from './projection.ts';
import { boardProjectQueue } from './queues.ts';

/** Projects one board into `tasks` (enqueued, debounced, after board changes). */
export const boardProjectJob = defineJob({
  queue: boardProjectQueue.name,
  payload: boardProjectQueue.payload,
  retry: boardProjectQueue.retry,
  async perform({ orgId, projectId }, { db, logger }) {
    const projected = await projectBoard({ db, logger }, orgId, projectId);
    logger.debug({ projectId, ...projected }, 'board projected');
    return projected;
  },
});

/**
 * Every minute, re-projects the boards whose document changed in the last two minutes. Moves
 * reach the sync server straight from browsers, so this sweep is what guarantees `tasks` catches
 * up even when nobody asked for a projection.
 */
export const boardProjectSweepJob = defineJob({
  queue: 'board-project-sweep',
  payload: z.object({}).loose(),
  retry: { retryLimit: 0, retryDelay: 0, retryBackoff: false, expireInSeconds: 120 },
  cron: '* * * * *',
  async perform(_payload, { db, logger }) {
    const boards = await listRecentlyChangedBoards(db, 120);
    for (const board of boards) {
      try {
        await projectBoard({ db, logger }, board.orgId, board.projectId);
      } catch (error) {
        logger.error({ err: error, projectId: board.projectId }, 'board projection failed');
      }
    }
    return { boards: boards.length };
  },
});
