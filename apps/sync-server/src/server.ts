// `pnpm --filter @specboard/sync-server start`: provisions the database (DATABASE_URL, or the
// embedded Postgres under .data/), starts the server and stops it gracefully on SIGTERM/SIGINT.
import { resolve } from 'node:path';
import { provisionDatabase } from '@specboard/db';
import { pino } from 'pino';
import { createSyncServer } from './app.ts';
import { loadEnv } from './env.ts';

const env = loadEnv();
const logger = pino({ level: env.logLevel, base: { service: 'sync-server' } });
if (env.tokenSecretGenerated) {
  logger.warn(
    { devSecret: env.tokenSecret },
    'SYNC_TOKEN_SECRET is not set: using a generated development secret',
  );
}
if (env.internalSecretGenerated) {
  logger.warn(
    { devInternalSecret: env.internalSecret },
    'SYNC_INTERNAL_SECRET is not set: using a generated secret for /metrics and /internal/*',
  );
}

let database: Awaited<ReturnType<typeof provisionDatabase>>;
try {
  database = await provisionDatabase({
    databaseUrl: env.databaseUrl,
    dataDir: resolve(import.meta.dirname, '../../../.data/postgres'),
    port: 54329,
    log: (message) => logger.info(message),
  });
} catch (error) {
  // A schema behind the code, or a database that cannot be reached: say so and stop.
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`sync-server: ${message}\n`);
  process.exit(1);
}

const server = await createSyncServer({ env, databaseUrl: database.url, logger });
const { url, internalUrl } = await server.listen();
process.stdout.write(
  `sync-server listening on ${url}/collab/<docName> (operations on ${internalUrl})\n`,
);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  try {
    if (env.drainMs > 0) {
      logger.info({ signal, drainMs: env.drainMs }, 'draining: /readyz answers 503');
      await server.drain(env.drainMs);
    }
    logger.info({ signal }, 'shutting down: flushing pending updates');
    await server.close();
    await database.stop();
    process.exit(0);
  } catch (error) {
    logger.error({ err: error }, 'shutdown failed');
    process.exit(1);
  }
}
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
