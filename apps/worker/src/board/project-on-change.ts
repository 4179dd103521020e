import type { Db } from '@specboard/db';
import { type BoardChangeListener, listenForBoardChanges } from '@specboard/db/board-changes';
import { findLiveProjectOrg } from '@specboard/db/tasks';
import { enqueueBoardProjection } from '@specboard/jobs';
import type { PgBoss } from 'pg-boss';
import type { Logger } from 'pino';

/**
 * Keeps `tasks` close behind the board: every `board_changed` notification (a move from a
 * browser, a card from the worker) asks for a projection, which pg-boss debounces per project.
 * A project already being enqueued is not asked for twice.
 */
export function projectBoardsOnChange(deps: {
  databaseUrl: string;
  db: Db;
  boss: PgBoss;
  logger: Logger;
}): Promise<BoardChangeListener> {
  const enqueuing = new Set<string>();
  const enqueue = async (projectId: string) => {
    const orgId = await findLiveProjectOrg(deps.db, projectId);
    if (orgId) await enqueueBoardProjection(deps.boss, { orgId, projectId });
  };
  return listenForBoardChanges(deps.databaseUrl, (projectId) => {
    if (enqueuing.has(projectId)) return;
    enqueuing.add(projectId);
    enqueue(projectId)
      .catch((error: unknown) =>
        deps.logger.error({ err: error, projectId }, 'could not ask for a board projection'),
      )
      .finally(() => enqueuing.delete(projectId));
  });
}
