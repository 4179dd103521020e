// `pnpm dev`: database (embedded Postgres under .data/ unless DATABASE_URL is set), demo data,
// sync server, worker and web app — then the URL and demo credentials. Ctrl+C stops it all.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createDb, migrateToLatest, provisionDatabase } from '@specboard/db';
import {
  describeError,
  type RunningService,
  startService,
  stopServices,
  waitForHttp,
} from './dev-processes.ts';

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

interface DevSecrets {
  auth: string;
  sync: string;
  internal: string;
  /** INTEGRATIONS_KEY: `<keyId>:<32 bytes base64>`. */
  integrations: string;
}

/**
 * Secrets generated once per checkout (kept in the data dir, never printed), so sessions survive
 * a restart of `pnpm dev`; one missing from an older file is added.
 */
async function devSecrets(): Promise<DevSecrets> {
  const file = join(DATA_DIR, 'dev-secrets.json');
  const fresh = () => randomBytes(32).toString('hex');
  const stored: Partial<DevSecrets> = existsSync(file)
    ? JSON.parse(await readFile(file, 'utf8'))
    : {};
  const secrets = {
    auth: stored.auth ?? fresh(),
    sync: stored.sync ?? fresh(),
    internal: stored.internal ?? fresh(),
    integrations: stored.integrations ?? `dev:${randomBytes(32).toString('base64')}`,
  };
  await mkdir(DATA_DIR, { recursive: true });
  await writeFile(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}

if (process.env.DATABASE_URL) {
  // An external database is brought up to date here; the embedded one is migrated on start.
  const db = createDb(process.env.DATABASE_URL, { max: 1 });
  try {
    await migrateToLatest(db);
  } catch (error) {
    fail('could not migrate the database at DATABASE_URL', error);
  } finally {
    await db.destroy();
  }
}
const database = await provisionDatabase({
  databaseUrl: process.env.DATABASE_URL,
  dataDir: join(DATA_DIR, 'postgres'),
  port: EMBEDDED_PG_PORT,
  log: (message) => say(message),
}).catch((error: unknown) => fail('could not start the database', error));
say(database.embedded ? 'embedded Postgres is running' : 'using DATABASE_URL');

const secrets = await devSecrets();
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

Object.assign(process.env, webEnv, { LOG_LEVEL: 'warn' });
const { seedDemo, demoAccounts } = await import('../apps/web/app/seed/demo.server.ts');
const { db: webDb } = await import('../apps/web/app/db.server.ts');
try {
  await seedDemo();
} catch (error) {
  // Nothing else runs yet: stop the database so a failed start leaves no Postgres behind.
  await database.stop();
  fail('could not seed the demo data', error);
} finally {
  await webDb().destroy();
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
    // Deliveries may reach local servers (`pnpm fake-integrations`) in development only.
    env: { ...sharedEnv, INTEGRATIONS_ALLOW_PRIVATE_URLS: 'true', APP_BASE_URL: baseUrl },
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
const credentials = demoAccounts
  .map((a) => `    ${a.role.padEnd(6)} ${a.email} / ${a.password}`)
  .join('\n');
process.stdout.write(
  `\n  Specboard is running at ${baseUrl}\n\n  Demo accounts:\n${credentials}\n\n  Ctrl+C stops everything.\n\n`,
);
