import type { PgBoss } from 'pg-boss';
import { z } from 'zod';
import type { JobRetryPolicy } from '../job.ts';

/**
 * Queues of the board: projecting `board:<projectId>` into `tasks`, and turning a document
 * version into cards. Kept apart from the job code so the web app can enqueue without loading
 * the pipeline or Yjs.
 */

const ulid = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a ULID');

const projectionRetry: JobRetryPolicy = {
  retryLimit: 5,
  retryDelay: 2,
  retryBackoff: true,
  expireInSeconds: 300,
};

/** An AI call keeps its heartbeat, like the plan-run steps. */
const aiRetry: JobRetryPolicy = {
  retryLimit: 3,
  retryDelay: 5,
  retryBackoff: true,
  expireInSeconds: 1_800,
  heartbeatSeconds: 30,
};

export const boardProjectQueue = {
  name: 'board-project',
  payload: z.object({ orgId: ulid, projectId: ulid }),
  retry: projectionRetry,
} as const;

export const boardFromVersionQueue = {
  name: 'board-from-version',
  payload: z.object({ orgId: ulid, versionId: ulid, requestedBy: z.string().nullable() }),
  retry: aiRetry,
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
  await boss.createQueue(boardProjectQueue.name, boardProjectQueue.retry);
  await boss.sendDebounced(
    boardProjectQueue.name,
    data,
    null,
    PROJECTION_DEBOUNCE_SECONDS,
    data.projectId,
  );
}

/** "Create tasks from this version". */
export async function enqueueBoardFromVersion(
  boss: PgBoss,
  payload: z.input<typeof boardFromVersionQueue.payload>,
): Promise<void> {
  const data = boardFromVersionQueue.payload.parse(payload);
  await boss.createQueue(boardFromVersionQueue.name, boardFromVersionQueue.retry);
  await boss.send(boardFromVersionQueue.name, data);
}
