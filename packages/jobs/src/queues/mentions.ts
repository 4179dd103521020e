import type { PgBoss } from 'pg-boss';
import { z } from 'zod';
import { type JobRetryPolicy, scheduledRetry, ulid } from '../contract.ts';
import { ensureQueue } from '../ensure-queue.ts';

const mentionsRetry: JobRetryPolicy = {
  retryLimit: 5,
  retryDelay: 2,
  retryBackoff: true,
  expireInSeconds: 120,
};

/** Notifies the people a document's text newly mentions (docs/decisions/017). */
export const documentMentionsQueue = {
  name: 'document-mentions',
  payload: z.object({ orgId: ulid, documentId: ulid }),
  retry: mentionsRetry,
} as const;

/**
 * Every minute, checks the documents that had an append carrying a mention lately: the NOTIFY
 * that asks for a check is lost while no worker listens.
 */
export const documentMentionsSweepQueue = {
  name: 'document-mentions-sweep',
  payload: z.object({}).loose(),
  retry: scheduledRetry,
} as const;

/** A burst of edits with mentions is checked at most once per this window (the first at once). */
export const MENTION_CHECK_DEBOUNCE_SECONDS = 2;

/**
 * Asks for a check of a document's mentions. Debounced per document: the first request runs at
 * once, the rest of a burst becomes one check after it (each check reads the whole document).
 */
export async function enqueueMentionCheck(
  boss: PgBoss,
  payload: z.input<typeof documentMentionsQueue.payload>,
): Promise<void> {
  const data = documentMentionsQueue.payload.parse(payload);
  await ensureQueue(boss, documentMentionsQueue);
  await boss.sendDebounced(
    documentMentionsQueue.name,
    data,
    null,
    MENTION_CHECK_DEBOUNCE_SECONDS,
    data.documentId,
  );
}
