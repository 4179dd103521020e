import {
  appLoginUrl,
  createDb,
  type Db,
  ensureAppLogin,
  migrateToLatest,
  newId,
} from '@specboard/db';
import { sql } from 'kysely';

export interface BenchDatabase {
  /** As the owner: `db` counts rows past row-level security. */
  url: string;
  /** As the apps' login, for the server under test (it refuses the owner). */
  appUrl: string;
  db: Db;
  /** Closes our connections and drops the database, forcing out any left. */
  drop(): Promise<void>;
}

/** A throwaway database on the server of `adminUrl`, migrated to the latest schema. */
export async function createBenchDatabase(adminUrl: string): Promise<BenchDatabase> {
  const name = `specboard_bench_${newId().toLowerCase()}`;
  const admin = createDb(adminUrl, { max: 1, applicationName: 'specboard-bench' });
  await sql.raw(`create database "${name}"`).execute(admin);
  const parsed = new URL(adminUrl);
  parsed.pathname = `/${name}`;
  const url = parsed.toString();
  const db = createDb(url, { max: 2, applicationName: 'specboard-bench' });
  await migrateToLatest(db);
  await ensureAppLogin(url);
  return {
    url,
    appUrl: appLoginUrl(url),
    db,
    drop: async () => {
      await db.destroy();
      await sql.raw(`drop database if exists "${name}" with (force)`).execute(admin);
      await admin.destroy();
    },
  };
}
