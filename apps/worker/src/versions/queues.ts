import type { PgBoss } from 'pg-boss';
import { z } from 'zod';
import type { JobRetryPolicy } from '../job.ts';

/** Queues of document versions; the web app enqueues through these helpers. */

const ulid = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a ULID');

const retry: JobRetryPolicy = {
  retryLimit: 3,
  retryDelay: 2,
  retryBackoff: true,
  expireInSeconds: 300,
};

export const versionSaveQueue = {
  name: 'version-save',
  payload: z.object({
    orgId: ulid,
    documentId: ulid,
    label: z.string().trim().max(120).nullable().default(null),
    /** manual: "Save version"; ai_accept: before/after an AI change is applied. */
    trigger: z.enum(['manual', 'ai_accept', 'auto']).default('manual'),
    createdBy: z.string().nullable(),
    planRunId: ulid.nullable().default(null),
  }),
  retry,
} as const;

export const versionRestoreQueue = {
  name: 'version-restore',
  payload: z.object({ orgId: ulid, versionId: ulid, requestedBy: z.string().nullable() }),
  retry,
} as const;

async function send(
  boss: PgBoss,
  queue: { name: string; retry: JobRetryPolicy },
  data: object,
): Promise<void> {
  await boss.createQueue(queue.name, queue.retry);
  await boss.send(queue.name, data);
}

export async function enqueueVersionSave(
  boss: PgBoss,
  payload: z.input<typeof versionSaveQueue.payload>,
): Promise<void> {
  await send(boss, versionSaveQueue, versionSaveQueue.payload.parse(payload));
}

export async function enqueueVersionRestore(
  boss: PgBoss,
  payload: z.input<typeof versionRestoreQueue.payload>,
): Promise<void> {
  await send(boss, versionRestoreQueue, versionRestoreQueue.payload.parse(payload));
}
