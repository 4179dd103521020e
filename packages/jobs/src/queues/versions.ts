import type { PgBoss } from 'pg-boss';
import { z } from 'zod';
import { type JobRetryPolicy, scheduledRetry, ulid } from '../contract.ts';
import { type SendOptions, send } from '../send.ts';

/** Queues of document versions; the web app enqueues through these helpers. */

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

/** Every minute: automatic versions of documents idle for a while after changes. */
export const versionAutoQueue = {
  name: 'version-auto',
  payload: z.object({}).loose(),
  retry: scheduledRetry,
} as const;

/** "Save version"; pass `db` to send it with the caller's writes. */
export async function enqueueVersionSave(
  boss: PgBoss,
  payload: z.input<typeof versionSaveQueue.payload>,
  options: SendOptions = {},
): Promise<void> {
  await send(boss, versionSaveQueue, payload, options);
}

/** "Restore this version"; pass `db` to send it with the caller's writes. */
export async function enqueueVersionRestore(
  boss: PgBoss,
  payload: z.input<typeof versionRestoreQueue.payload>,
  options: SendOptions = {},
): Promise<void> {
  await send(boss, versionRestoreQueue, payload, options);
}
