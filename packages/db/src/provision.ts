import { appLoginUrl, ensureAppLogin } from './app-role.ts';
import { assertAppRole } from './app-role-check.ts';
import { createDb } from './client.ts';
import { startEmbeddedPostgres } from './embedded.ts';
import { assertSchemaCurrent, migrateToLatest } from './migrate.ts';

export interface ProvisionOptions {
  /** When set, used as is (the schema must already be current). */
  databaseUrl?: string | undefined;
  /** Where the embedded cluster lives when no URL is given. */
  dataDir: string;
  /** Fixed port for the embedded cluster, so a restarted dev server finds it again. */
  port?: number;
  log?: (message: string) => void;
}

export interface ProvisionedDatabase {
  /** The apps' connection: a member of `specboard_app`, subject to row-level security. */
  url: string;
  embedded: boolean;
  /** Stops the embedded cluster; a no-op for an external database. */
  stop(): Promise<void>;
}

/**
 * The database an app runs on: `DATABASE_URL` if given (refusing a schema that is behind, or a
 * login row-level security would not hold for), otherwise an embedded Postgres under `dataDir`,
 * migrated automatically as its owner and then used through the app login.
 */
export async function provisionDatabase(options: ProvisionOptions): Promise<ProvisionedDatabase> {
  if (options.databaseUrl) {
    const db = createDb(options.databaseUrl, { max: 1 });
    try {
      await assertSchemaCurrent(db);
      await assertAppRole(db);
    } finally {
      await db.destroy();
    }
    return { url: options.databaseUrl, embedded: false, stop: async () => {} };
  }
  const running = await startEmbeddedPostgres({
    dataDir: options.dataDir,
    port: options.port ?? 0,
    database: 'specboard',
    ...(options.log ? { log: options.log } : {}),
  });
  const db = createDb(running.url, { max: 1 });
  try {
    const applied = await migrateToLatest(db);
    if (applied.length > 0) options.log?.(`applied migrations: ${applied.join(', ')}`);
    await ensureAppLogin(running.url);
  } catch (error) {
    await running.stop();
    throw error;
  } finally {
    await db.destroy();
  }
  return { url: appLoginUrl(running.url), embedded: true, stop: running.stop };
}
