import { connectedRole, createDb, type Db } from '@specboard/db';
import { env } from './env.server.ts';
import { logger } from './logger.server.ts';

let instance: Db | undefined;

/**
 * The server closes its HTTP listener on SIGTERM/SIGINT (react-router-serve does); closing the
 * pool as well lets the process exit once the last request is answered, instead of being killed
 * at the end of its grace period. Queries already running finish first.
 */
function closeOnShutdown(pool: Db): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      pool.destroy().catch((error: unknown) => {
        logger().warn({ err: error, signal }, 'could not close the database pool on shutdown');
      });
    });
  }
}

/**
 * Row-level security holds only for a login that neither owns the tables nor bypasses it
 * (docs/decisions/011): on a wrong `DATABASE_URL` the process stops at its first query rather
 * than serve without the second line of isolation.
 */
function refuseUnsafeLogin(pool: Db): void {
  connectedRole(pool).then(
    (role) => {
      if (!role.bypassesRls && !role.ownsTables) return;
      logger().fatal({ role }, 'refusing to serve: DATABASE_URL must be a member of specboard_app');
      process.exit(1);
    },
    (error: unknown) => logger().warn({ err: error }, 'could not check the database login'),
  );
}

/** One pool per process, opened on first use. */
export function db(): Db {
  if (!instance) {
    instance = createDb(env().DATABASE_URL, { applicationName: 'specboard-web' });
    closeOnShutdown(instance);
    refuseUnsafeLogin(instance);
  }
  return instance;
}
