import { sql } from 'kysely';
import type { Db } from '../client.ts';
import { MENTION_LISTENER_APPLICATION } from '../document-mention-changes.ts';

/**
 * Whether a worker listens for mention changes on this database: NOTIFY reaches only those
 * listening at the time, so a browser test that expects a mention to be noticed at once waits
 * for the worker to be up first.
 */
export async function mentionListenerConnected(db: Db): Promise<boolean> {
  const { rows } = await sql<{ listening: boolean }>`
    select exists (
      select 1 from pg_stat_activity
      where datname = current_database() and application_name = ${MENTION_LISTENER_APPLICATION}
    ) as listening`.execute(db);
  return rows[0]?.listening === true;
}
