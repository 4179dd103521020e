// `pnpm cluster [--sync 2] [--workers 2] [--no-web] [--no-build]`: the production topology on this
// machine without Docker — HAProxy (deploy/haproxy.cfg) in front of N sync servers, M workers and
// the built web app, over DATABASE_URL/REDIS_URL or the embedded Postgres under .data/ (Postgres
// bus). Prints where everything listens; Ctrl+C or SIGTERM stops everything.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { provisionDatabase } from '@specboard/db';
import { haproxyMissing } from './cluster/haproxy.ts';
import { Cluster } from './cluster/topology.ts';
import { seedDemoData } from './demo-seed.ts';
import { describeError, startService } from './dev-processes.ts';
import { devSecrets } from './dev-secrets.ts';
import { prepareExternalDatabase } from './external-database.ts';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    sync: { type: 'string', default: '2' },
    workers: { type: 'string', default: '2' },
    'no-web': { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
  },
});
const count = (name: string, value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 32)
    fail(`--${name} must be a whole number from 1 to 32`);
  return n;
};
const syncCount = count('sync', values.sync);
const workerCount = count('workers', values.workers);
const HOST = '127.0.0.1';
const LB_PORT = Number(process.env.SYNC_LB_PORT ?? 1234);
const STATS_PORT = Number(process.env.SYNC_LB_STATS_PORT ?? 1236);
const WEB_PORT = Number(process.env.WEB_PORT ?? 3000);
const DATA_DIR = resolve(root, process.env.SPECBOARD_DATA_DIR ?? '.data');

function say(message: string): void {
  process.stdout.write(`[cluster] ${message}\n`);
}
function fail(message: string): never {
  process.stderr.write(`[cluster] ${message}\n`);
  process.exit(1);
}

const missing = haproxyMissing();
if (missing) fail(missing);

if (!values['no-web'] && !values['no-build']) {
  say('building the web app (production)…');
  const built = await startService({
    name: 'build',
    command: process.execPath,
    args: ['node_modules/@react-router/dev/bin.cjs', 'build'],
    cwd: join(root, 'apps/web'),
    env: { ...process.env, NODE_ENV: 'production' },
  }).exited;
  if (built !== 0) fail(`the web app's build failed (exit code ${built})`);
}

const database = await provisionDatabase({
  databaseUrl: await prepareExternalDatabase().catch((error: unknown) =>
    fail(`could not prepare the database: ${describeError(error)}`),
  ),
  dataDir: join(DATA_DIR, 'postgres'),
  port: Number(process.env.EMBEDDED_PG_PORT ?? 54329),
  log: say,
}).catch((error: unknown) => fail(`could not start the database: ${describeError(error)}`));

const secrets = await devSecrets(DATA_DIR);
const workDir = await mkdtemp(join(tmpdir(), 'specboard-cluster-'));
const web = values['no-web'] ? undefined : { port: WEB_PORT, authSecret: secrets.auth };
let credentials = '';
if (web) {
  credentials = await seedDemoData({
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: database.url,
    BASE_URL: `http://${HOST}:${WEB_PORT}`,
    BETTER_AUTH_SECRET: secrets.auth,
    SYNC_TOKEN_SECRET: secrets.sync,
    SYNC_PUBLIC_URL: `ws://${HOST}:${LB_PORT}`,
  }).catch(async (error: unknown) => {
    await database.stop();
    fail(`could not seed the demo data: ${describeError(error)}`);
  });
}

let cluster: Cluster;
try {
  cluster = await Cluster.start({
    databaseUrl: database.url,
    redisUrl: process.env.REDIS_URL,
    host: HOST,
    syncServers: syncCount,
    workers: workerCount,
    lbPort: LB_PORT,
    statsPort: STATS_PORT,
    secrets: { token: secrets.sync, internal: secrets.internal },
    web,
    workDir,
    drainMs: 2_000,
    logLevel: process.env.LOG_LEVEL ?? 'warn',
  });
} catch (error) {
  await database.stop();
  await rm(workDir, { recursive: true, force: true });
  fail(`the cluster did not start: ${describeError(error)}`);
}

let stopping = false;
async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  say('stopping…');
  await cluster.stop();
  await database.stop();
  await rm(workDir, { recursive: true, force: true });
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
for (const service of cluster.services()) {
  void service.exited.then((code) => {
    if (!stopping) {
      say(`${service.name} exited with code ${code}; stopping everything`);
      void stop(code || 1);
    }
  });
}

const lines = [
  '',
  `  Specboard cluster (${database.embedded ? 'embedded Postgres' : 'DATABASE_URL'}, ${process.env.REDIS_URL ? 'Redis' : 'Postgres'} bus)`,
  web
    ? `  web app          http://${HOST}:${web.port}`
    : '  web app          not started (--no-web)',
  `  sync (HAProxy)   ${cluster.publicSyncUrl}/collab/<docName>`,
  `  HAProxy stats    ${cluster.haproxy.statsUrl}/stats`,
  ...cluster.syncServers.map(
    (s) =>
      `  ${s.name.padEnd(16)} ws://${s.host}:${s.port}  (metrics http://${s.host}:${s.internalPort}/metrics)`,
  ),
  `  workers          ${cluster.workers.map((w) => w.name).join(', ')}`,
  ...(credentials ? ['', '  Demo accounts:', credentials] : []),
  '',
  '  Ctrl+C stops everything.',
  '',
];
process.stdout.write(`${lines.join('\n')}\n`);
