import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import getPort from 'get-port';
import postgres from 'postgres';
import { type PostgresBinaries, packageBinaries, reachableBinaries } from './embedded/binaries.ts';
import { clusterDirectory } from './embedded/location.ts';
import { makeWayForPostmaster, recordOwner } from './embedded/lock.ts';
import { initCluster, startPostmaster } from './embedded/postmaster.ts';
import { postgresUser } from './embedded/system-user.ts';

export interface EmbeddedPostgresOptions {
  /** Cluster directory; created and initialised on first use, reused afterwards. */
  dataDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Database to create (if missing) and point the returned URL at. */
  database?: string;
  /** Delete the cluster directory on stop (tests). */
  ephemeral?: boolean;
  /**
   * As root only: where the cluster and a copy of the binaries go when the `postgres` system
   * user cannot reach `dataDir` or `node_modules` (a checkout under /root). Default
   * /var/lib/specboard/embedded-postgres.
   */
  sharedDir?: string;
  log?: (message: string) => void;
}

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package's binaries. A postmaster left
 * running on `dataDir` by a killed run is stopped first. Works as root: the server then runs as
 * a `postgres` system user (created if missing), and the cluster and binaries move where that
 * user can reach them when the checkout is in a directory it cannot enter.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<RunningPostgres> {
  return startCluster(options, packageBinaries());
}

/** `startEmbeddedPostgres` with the binaries given (tests place them out of reach). */
export async function startCluster(
  options: EmbeddedPostgresOptions,
  installed: PostgresBinaries,
): Promise<RunningPostgres> {
  const log = options.log ?? (() => {});
  const sharedDir = options.sharedDir ?? '/var/lib/specboard/embedded-postgres';
  const runAs = await postgresUser();
  const binaries = await reachableBinaries(installed, runAs, sharedDir, log);
  const dir = await clusterDirectory(resolve(options.dataDir), runAs, sharedDir, log);
  if (!existsSync(join(dir, 'PG_VERSION'))) {
    log(`initialising embedded Postgres in ${dir}`);
    await initCluster({ initdb: binaries.initdb, dir, user: USER, password: PASSWORD, runAs, log });
  }
  await makeWayForPostmaster(dir, log);
  await recordOwner(dir);
  const port = options.port || (await getPort());
  const server = await startPostmaster({ postgres: binaries.postgres, dir, port, runAs, log });
  const stop = async () => {
    await server.stop();
    if (options.ephemeral) await rm(dir, { recursive: true, force: true });
  };

  const database = options.database ?? 'postgres';
  const adminUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
  if (database !== 'postgres') {
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    try {
      const found = await admin`select 1 from pg_database where datname = ${database}`;
      if (found.length === 0) await admin.unsafe(`create database "${database}"`);
    } catch (error) {
      await stop();
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`could not create database ${database} in embedded Postgres: ${reason}`, {
        cause: error,
      });
    } finally {
      await admin.end();
    }
  }
  return { url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`, stop };
}
