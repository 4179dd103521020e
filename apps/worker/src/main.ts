import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { createBus } from '@specboard/bus';
import { createDb, provisionDatabase } from '@specboard/db';
import { createSecretBox } from '@specboard/integrations';
import { pino } from 'pino';
import type { AiJobDeps } from './ai/deps.ts';
import { createProviderResolver, providerConfigFromEnv } from './ai/providers.ts';
import { projectBoardsOnChange } from './board/project-on-change.ts';
import { loadEnv } from './env.ts';
import { jobs } from './jobs/index.ts';
import {
  type DigestJobDeps,
  digestSettingsFromEnv,
  notificationDigestJob,
} from './jobs/notification-digest.ts';
import { checkMentionsOnChange } from './mentions/check-mentions-on-change.ts';
import { startRunner } from './runner.ts';

const env = loadEnv();
const logger = pino({ level: env.LOG_LEVEL, base: { service: 'worker' } });

const database = await provisionDatabase({
  databaseUrl: env.DATABASE_URL,
  dataDir: resolve(import.meta.dirname, '../../../.data/postgres'),
  port: 54329,
  log: (message) => logger.info(message),
});
const db = createDb(database.url, { applicationName: 'specboard-worker' });
const bus = await createBus({
  databaseUrl: database.url,
  redisUrl: env.REDIS_URL,
  instanceId: `worker-${hostname()}-${process.pid}`,
  logger,
});
const providers = createProviderResolver(providerConfigFromEnv(env));
const deps = {
  db,
  logger,
  bus,
  providers,
  streamThrottleMs: env.AI_STREAM_THROTTLE_MS,
  cancelPollMs: 500,
  integrations: {
    box: env.INTEGRATIONS_KEY
      ? createSecretBox(env.INTEGRATIONS_KEY, env.INTEGRATIONS_RETIRED_KEYS)
      : undefined,
    allowPrivate: env.INTEGRATIONS_ALLOW_PRIVATE_URLS && env.NODE_ENV !== 'production',
    appBaseUrl: env.BASE_URL,
  },
};
const digest = digestSettingsFromEnv(env);
if (!digest) {
  logger.warn(
    'notification digests are off: BETTER_AUTH_SECRET (to sign unsubscribe links) is not set',
  );
} else if (!env.SMTP_URL && env.NODE_ENV === 'production') {
  logger.warn(
    'SMTP_URL is not set: notification digests are kept in the dev_outbox table, not delivered',
  );
}
const runnerOptions = { databaseUrl: database.url, concurrency: env.WORKER_CONCURRENCY };
const boss = digest
  ? await startRunner<AiJobDeps & DigestJobDeps>(
      [...jobs, notificationDigestJob],
      { ...deps, digest },
      runnerOptions,
    )
  : await startRunner(jobs, deps, runnerOptions);
const boardChanges = await projectBoardsOnChange({ databaseUrl: database.url, db, boss, logger });
const mentionChanges = await checkMentionsOnChange({ databaseUrl: database.url, boss, logger });
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  logger.info({ signal }, 'stopping: finishing active jobs');
  await boardChanges.close();
  await mentionChanges.close();
  await boss.stop({ graceful: true, timeout: 20_000 });
  await bus.close();
  await db.destroy();
  await database.stop();
  logger.info('worker stopped');
}

// One shutdown however many signals arrive: a terminal or dev runner often sends SIGINT on top of
// SIGTERM, and a second QUIT on a closed ioredis client rejects ("Connection is closed").
let stopping = false;
function onSignal(signal: NodeJS.Signals): void {
  if (stopping) return;
  stopping = true;
  void shutdown(signal).then(
    () => process.exit(0),
    (error: unknown) => {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    },
  );
}
process.once('SIGTERM', onSignal);
process.once('SIGINT', onSignal);
// Announced only once a signal would be handled: supervisors (and tests) stop us right after.
const queues = [...jobs, ...(digest ? [notificationDigestJob] : [])].map((job) => job.queue);
logger.info({ queues }, 'worker started');
