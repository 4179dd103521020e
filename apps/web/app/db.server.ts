import { createDb, type Db } from '@specboard/db';
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

/** One pool per process, opened on first use. */
export function db(): Db {
  if (!instance) {
    instance = createDb(env().DATABASE_URL, { applicationName: 'specboard-web' });
    closeOnShutdown(instance);
  }
  return instance;
}
