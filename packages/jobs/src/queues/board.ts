import type { PgBoss } from 'pg-boss';
import { z } from 'zod';
import { type JobRetryPolicy, scheduledRetry, ulid } from '../contract.ts';
import { ensureQueue } from '../ensure-queue.ts';

/**
 * Queues of the board: projecting `board:<projectId>` into `tasks` (turning a document version
 * into cards is an AI run, `versionTasksQueue`). Kept apart from the job code so the web app can enqueue without loading
 * the pipeline or Yjs.
 */

const projectionRetry: JobRetryPolicy = {
  retryLimit: 5,
  retryDelay: 2,
  retryBackoff: true,
  expireInSeconds: 300,
};

export const boardProjectQueue = {
  name: 'board-project',
  payload: z.object({ orgId: ulid, projectId: ulid }),
  retry: projectionRetry,
} as const;

/** Every minute, re-projects the boards whose document changed in the last two minutes. */
export const boardProjectSweepQueue = {
  name: 'board-project-sweep',
  payload: z.object({}).loose(),
  retry: scheduledRetry,
} as const;

/** Board edits arrive continuously while people drag: project at most once per this window. */
export const PROJECTION_DEBOUNCE_SECONDS = 2;

/**
 * Asks for a projection of a board. Debounced per project: a burst of moves becomes one job
 * that runs after the burst (the projection reads the whole board, so one run covers all).
 */
export async function enqueueBoardProjection(
  boss: PgBoss,
  payload: z.input<typeof boardProjectQueue.payload>,
): Promise<void> {
  const data = boardProjectQueue.payload.parse(payload);
  await ensureQueue(boss, boardProjectQueue);
  await boss.sendDebounced(
    boardProjectQueue.name,
    data,
    null,
    PROJECTION_DEBOUNCE_SECONDS,
    data.projectId,
  );
}
