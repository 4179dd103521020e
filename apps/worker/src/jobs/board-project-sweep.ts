import { listRecentlyChangedBoards } from '@specboard/db/tasks';
import { boardProjectSweepQueue } from '@specboard/jobs';
import { projectBoard } from '../board/projection.ts';
import { defineJob } from '../job.ts';

/**
 * Every minute, re-projects the boards whose document changed in the last two minutes. Moves
 * reach the sync server straight from browsers, so this sweep is what guarantees `tasks` catches
 * up even when nobody asked for a projection.
 */
export const boardProjectSweepJob = defineJob({
  contract: boardProjectSweepQueue,
  cron: '* * * * *',
  async perform(_payload, deps) {
    const { db, logger } = deps;
    const boards = await listRecentlyChangedBoards(db, 120);
    for (const board of boards) {
      try {
        await projectBoard(deps, board.orgId, board.projectId);
      } catch (error) {
        logger.error({ err: error, projectId: board.projectId }, 'board projection failed');
      }
    }
    return { boards: boards.length };
  },
});
