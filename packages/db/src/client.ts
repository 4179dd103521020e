import { Kysely, sql } from 'kysely';
import { PostgresJSDialect } from 'kysely-postgres-js';
import postgres from 'postgres';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

export interface CreateDbOptions {
  /** Pool size; the default suits an app process, tests pass less. */
  max?: number;
  /** Shown in pg_stat_activity, so a connection can be traced to its process. */
  applicationName?: string;
}

/** Opens a Kysely instance over a postgres.js pool. Close it with `db.destroy()`. */
export function createDb(url: string, options: CreateDbOptions = {}): Db {
  const sql = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    connection: { application_name: options.applicationName ?? 'specboard' },
  });
  return new Kysely<Database>({ dialect: new PostgresJSDialect({ postgres: sql }) });
}

/** True when the database answers a trivial query (for readiness probes). */
export async function isDatabaseReachable(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
