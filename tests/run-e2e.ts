// Starts the real apps (web built and served, sync server, worker) on free ports against a fresh
// database, runs the Playwright specs, then stops everything and drops the database.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  type RunningService,
  startService,
  stopServices,
  waitForHttp,
} from '../scripts/dev-processes.ts';
import { createRunDatabase } from './support/database.ts';
import { freePort } from './support/ports.ts';

const root = resolve(import.meta.dirname, '..');
const HOST = '127.0.0.1';
const adminUrl = process.env.DATABASE_URL;
if (!adminUrl) {
  process.stderr.write(
    'DATABASE_URL is required (a Postgres where a throwaway database can be created).\n',
  );
  process.exit(2);
}

function run(
  name: string,
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  return startService({ name, command, args, cwd, env }).exited;
}

const built = await run(
  'build',
  process.execPath,
  ['node_modules/@react-router/dev/bin.cjs', 'build'],
  join(root, 'apps/web'),
  { ...process.env, NODE_ENV: 'production' },
);
if (built !== 0) process.exit(built);

const database = await createRunDatabase(adminUrl);
const [webPort, syncPort] = [await freePort(), await freePort()];
const syncSecret = randomBytes(32).toString('hex');
// The shortest lifetime the web app accepts, so token-refresh.spec.ts sees tokens expire.
const tokenTtlSeconds = '30';
const baseUrl = `http://${HOST}:${webPort}`;
const authSecret = randomBytes(32).toString('hex');
const shared = {
  ...process.env,
  DATABASE_URL: database.url,
  SYNC_TOKEN_SECRET: syncSecret,
  LOG_LEVEL: 'warn',
  INTEGRATIONS_KEY: `e2e:${randomBytes(32).toString('base64')}`,
};

const services: RunningService[] = [
  startService({
    name: 'sync',
    command: process.execPath,
    args: ['src/server.ts'],
    cwd: join(root, 'apps/sync-server'),
    env: {
      ...shared,
      PORT: String(syncPort),
      HOST,
      INTERNAL_PORT: '0',
      SYNC_INTERNAL_SECRET: randomBytes(32).toString('base64'),
    },
  }),
  startService({
    name: 'web',
    command: process.execPath,
    args: ['server.ts'],
    cwd: join(root, 'apps/web'),
    env: {
      ...shared,
      NODE_ENV: 'production',
      PORT: String(webPort),
      HOST,
      BASE_URL: baseUrl,
      BETTER_AUTH_SECRET: authSecret,
      SYNC_PUBLIC_URL: `ws://${HOST}:${syncPort}`,
      SYNC_TOKEN_TTL_SECONDS: tokenTtlSeconds,
    },
  }),
];
if (existsSync(join(root, 'apps/worker/src/main.ts'))) {
  services.push(
    startService({
      name: 'worker',
      command: process.execPath,
      args: ['src/main.ts'],
      cwd: join(root, 'apps/worker'),
      // The web app's secret signs the unsubscribe links of notification digests; jira.spec.ts
      // pushes to a fake Jira on loopback.
      env: {
        ...shared,
        BASE_URL: baseUrl,
        BETTER_AUTH_SECRET: authSecret,
        INTEGRATIONS_ALLOW_PRIVATE_URLS: 'true',
      },
    }),
  );
}

// Interrupted (Ctrl+C, or CI cancelling the job): stop what was started before leaving.
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted = true;
    void stopServices(services)
      .then(() => database.drop())
      .finally(() => process.exit(130));
  });
}

let code = 1;
try {
  await Promise.all([
    waitForHttp(`${baseUrl}/sign-in`),
    waitForHttp(`http://${HOST}:${syncPort}/healthz`),
  ]);
  const playwright = startService({
    name: 'playwright',
    command: process.execPath,
    args: ['node_modules/@playwright/test/cli.js', 'test', ...process.argv.slice(2)],
    cwd: import.meta.dirname,
    env: {
      ...process.env,
      E2E_BASE_URL: baseUrl,
      E2E_DATABASE_URL: database.ownerUrl,
      E2E_SYNC_TOKEN_TTL_SECONDS: tokenTtlSeconds,
    },
  });
  services.push(playwright);
  code = await playwright.exited;
} finally {
  if (!interrupted) {
    await stopServices(services);
    await database.drop();
  }
}
if (!interrupted) process.exit(code);
