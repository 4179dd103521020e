import type { Database } from '@specboard/db';
import type { Transaction } from 'kysely';
import { fromKysely, type PgBoss } from 'pg-boss';
import type { z } from 'zod';
import type { QueueContract } from './contract.ts';
import { ensureQueue } from './ensure-queue.ts';

export interface SendOptions {
  /**
   * The caller's transaction: the job is inserted through it, so it exists exactly when the
   * rows written in the same transaction do (it commits or rolls back with them).
   */
  db?: Transaction<Database>;
}

/**
 * Validates the payload against the queue's schema and sends it. The queue is created first
 * (idempotent, on pg-boss's own connection), because the web app may send before any worker
 * has created it. Returns the job id (null when pg-boss skipped it).
 */
export async function send<Schema extends z.ZodType<object>>(
  boss: PgBoss,
  queue: QueueContract<Schema>,
  payload: z.input<Schema>,
  options: SendOptions = {},
): Promise<string | null> {
  const data = queue.payload.parse(payload);
  await ensureQueue(boss, queue);
  return boss.send(queue.name, data, options.db ? { db: fromKysely(options.db) } : {});
}
