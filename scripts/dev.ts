// `pnpm dev`: database (embedded Postgres under .data/ unless DATABASE_URL is set), demo data,
// sync server, worker and web app — then the URL and demo credentials. Ctrl+C stops it all.
import { join, resolve } from 'node:path';
import { provisionDatabase } from '@specboard/db';
import { seedDemoData } from './demo-seed.ts';
import {
  describeError,
  type RunningService,
  startService,
  stopServices,
  waitForHttp,
} from './dev-processes.ts';
import { devSecrets } from './dev-secrets.ts';
import { prepareExternalDatabase } from './external-database.ts';

const root = resolve(import.meta.dirname, '..');
// Overridable so a test (tests/newcomer) can run this very command beside another copy.
const WEB_PORT = Number(process.env.WEB_PORT ?? 3000);
const SYNC_PORT = Number(process.env.SYNC_PORT ?? 1234);
const SYNC_INTERNAL_PORT = Number(process.env.SYNC_INTERNAL_PORT ?? 1235);
const EMBEDDED_PG_PORT = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
const DATA_DIR = resolve(root, process.env.SPECBOARD_DATA_DIR ?? '.data');
const HOST = '127.0.0.1';

function say(message: string): void {
  process.stdout.write(`[dev] ${message}\n`);
}

/** Ends a failed start with one line saying why. */
function fail(what: string, error: unknown): never {
  process.stderr.write(`[dev] ${what}: ${describeError(error)}\n`);
  process.exit(1);
}

const database = await provisionDatabase({
  databaseUrl: await prepareExternalDatabase().catch((error: unknown) =>
    fail('could not prepare the database', error),
  ),
  dataDir: join(DATA_DIR, 'postgres'),
  port: EMBEDDED_PG_PORT,
  log: (message) => say(message),
}).catch((error: unknown) => fail('could not start the database', error));
say(database.embedded ? 'embedded Postgres is running' : 'using DATABASE_URL');

const secrets = await devSecrets(DATA_DIR);
const baseUrl = `http://${HOST}:${WEB_PORT}`;
const sharedEnv = {
  ...process.env,
  NODE_ENV: 'development',
  DATABASE_URL: database.url,
  SYNC_TOKEN_SECRET: secrets.sync,
  INTEGRATIONS_KEY: secrets.integrations,
};
const webEnv = {
  ...sharedEnv,
  BASE_URL: baseUrl,
  BETTER_AUTH_SECRET: secrets.auth,
  SYNC_PUBLIC_URL: `ws://${HOST}:${SYNC_PORT}`,
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
};

let credentials: string;
try {
  credentials = await seedDemoData(webEnv);
} catch (error) {
  // Nothing else runs yet: stop the database so a failed start leaves no Postgres behind.
  await database.stop();
  fail('could not seed the demo data', error);
}
say('demo data is ready');

const services: RunningService[] = [
  startService({
    name: 'sync',
    command: process.execPath,
    args: ['src/server.ts'],
    cwd: join(root, 'apps/sync-server'),
    env: {
      ...sharedEnv,
      PORT: String(SYNC_PORT),
      HOST,
      INTERNAL_PORT: String(SYNC_INTERNAL_PORT),
      SYNC_INTERNAL_SECRET: secrets.internal,
    },
  }),
  startService({
    name: 'worker',
    command: process.execPath,
    args: ['src/main.ts'],
    cwd: join(root, 'apps/worker'),
    // The auth secret signs the unsubscribe links of notification digests (decision 015);
    // deliveries may reach local servers (`pnpm fake-integrations`) in development only.
    env: {
      ...sharedEnv,
      BASE_URL: baseUrl,
      BETTER_AUTH_SECRET: secrets.auth,
      INTEGRATIONS_ALLOW_PRIVATE_URLS: 'true',
    },
  }),
];
services.push(
  startService({
    name: 'web',
    command: process.execPath,
    args: [
      'node_modules/@react-router/dev/bin.cjs',
      'dev',
      '--host',
      HOST,
      '--port',
      String(WEB_PORT),
      '--strictPort',
    ],
    cwd: join(root, 'apps/web'),
    env: webEnv,
  }),
);

let stopping = false;
async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  say('stopping…');
  await stopServices(services);
  await database.stop();
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
for (const service of services) {
  void service.exited.then((code) => {
    if (!stopping) {
      say(`${service.name} exited with code ${code}; stopping everything`);
      void stop(code || 1);
    }
  });
}

try {
  await waitForHttp(`${baseUrl}/sign-in`, 120_000);
} catch (error) {
  say(`the web app did not start: ${describeError(error)}`);
  await stop(1);
}
process.stdout.write(
  `\n  Specboard is running at ${baseUrl}\n\n  Demo accounts:\n${credentials}\n\n  Ctrl+C stops everything.\n\n`,
);
