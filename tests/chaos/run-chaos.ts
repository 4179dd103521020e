// The chaos test: 20 official y-websocket clients typing through HAProxy into 5 documents on the
// `pnpm cluster` topology (3 sync servers, 2 workers, a private Redis bus), while, one at a time,
// a sync server is killed (-9), another is rolled (replacement started, then SIGTERM), Redis is
// restarted and the workers are paused mid plan-run step. After each fault every client must be
// back through HAProxy, every document converged and equal to what Postgres stored, and no
// acknowledged update lost; the plan run must end, not stay running. Exits non-zero otherwise.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createDb } from '@specboard/db';
import { haproxyMissing } from '../../scripts/cluster/haproxy.ts';
import { Cluster } from '../../scripts/cluster/topology.ts';
import { describeError } from '../../scripts/dev-processes.ts';
import { createRunDatabase } from '../support/database.ts';
import { type Checks, checkDocuments } from './convergence.ts';
import { enqueueRun, startSlowModel, waitForRunEnd, waitForRunningStep } from './plan-run.ts';
import { PrivateRedis } from './private-redis.ts';
import { acknowledgements, type FaultReport, formatReport } from './report.ts';
import { connectTypists } from './typists.ts';
import { until } from './until.ts';
import { busiestSyncServer } from './victims.ts';

/** The whole test, set-up included, must end within this (CI bound). */
const BUDGET_MS = 170_000;
const TYPING_MS = 1_000;
const KEYSTROKE_MS = 100;

function say(message: string): void {
  process.stdout.write(`[chaos] ${message}\n`);
}

const adminUrl = process.env.DATABASE_URL;
const missing = haproxyMissing();
if (!adminUrl || missing || !PrivateRedis.available()) {
  process.stderr.write(
    `[chaos] cannot run: ${
      !adminUrl
        ? 'DATABASE_URL is required (a Postgres where a throwaway database can be created)'
        : (missing ?? `redis-server is missing (${'apt-get install -y redis-server'})`)
    }\n`,
  );
  process.exit(2);
}
const budget = setTimeout(() => {
  process.stderr.write(`[chaos] FAILED: still running after ${BUDGET_MS} ms\n`);
  process.exit(1);
}, BUDGET_MS);

const database = await createRunDatabase(adminUrl);
const db = createDb(database.url, { max: 4 });
const redis = await PrivateRedis.start();
const model = await startSlowModel();
const workDir = await mkdtemp(join(tmpdir(), 'specboard-chaos-'));
const secrets = {
  token: randomBytes(32).toString('hex'),
  internal: randomBytes(32).toString('hex'),
};
let cluster: Cluster | undefined;
let typists: Awaited<ReturnType<typeof connectTypists>> = [];
let failed = false;

async function phase(fault: string, inject: () => Promise<void>): Promise<Checks> {
  const started = Date.now();
  const before = typists.map((t) => t.reconnects.length);
  for (const typist of typists) typist.startTyping(KEYSTROKE_MS);
  await sleep(TYPING_MS);
  await inject();
  await until(
    () => typists.every((t) => t.live),
    `every client back through HAProxy after ${fault}`,
  );
  await sleep(TYPING_MS);
  for (const typist of typists) typist.stopTyping();
  const checks = await checkDocuments(db, typists);
  const acks = [...acknowledgements(typists).values()].filter((a) => a.typedAt >= started);
  const report: FaultReport = {
    fault,
    reconnects: typists.flatMap((t, i) => t.reconnects.slice(before[i])),
    longestStallMs: Math.max(0, ...acks.map((a) => a.ackAt - a.typedAt)),
    acknowledged: acks.length,
    lost: checks.lost,
  };
  say(formatReport(report));
  return checks;
}

try {
  cluster = await Cluster.start({
    databaseUrl: database.url,
    redisUrl: redis.url,
    host: '127.0.0.1',
    syncServers: 3,
    workers: 2,
    lbPort: 0,
    statsPort: 0,
    secrets,
    workDir,
    drainMs: 1_000,
    logLevel: 'error',
    syncEnv: { SYNC_CATCH_UP_MS: '500' },
    workerEnv: { OPENAI_BASE_URL: model.baseURL, OPENAI_API_KEY: 'chaos-test-local-model' },
  });
  const running = cluster;
  const collabUrl = running.collabUrl;
  typists = await connectTypists({
    collabUrl,
    secret: secrets.token,
    documents: 5,
    perDocument: 4,
  });
  say(`20 clients on 5 documents through HAProxy at ${collabUrl}`);

  const results: Checks[] = [];
  results.push(
    await phase('kill -9 a sync server', async () => {
      const victim = await busiestSyncServer(running.syncServers, secrets.internal);
      const wasLive = typists.filter((t) => t.live).length;
      victim.service.child.kill('SIGKILL');
      await victim.service.exited;
      await until(
        () => typists.filter((t) => t.live).length < wasLive,
        'clients to notice the kill',
      );
      await running.removeSyncServer(victim);
      await running.addSyncServer();
    }),
  );
  results.push(
    await phase('rolling restart (SIGTERM)', async () => {
      const old = await busiestSyncServer(running.syncServers, secrets.internal);
      await running.addSyncServer();
      old.service.child.kill('SIGTERM');
      const code = await old.service.exited;
      if (code !== 0) throw new Error(`${old.name} exited with ${code} after SIGTERM, not 0`);
      await running.removeSyncServer(old);
    }),
  );
  results.push(
    await phase('Redis restart', async () => {
      await redis.restart();
    }),
  );
  const run = await enqueueRun(db, database.url);
  const step = await waitForRunningStep(db, run);
  let runEnd = { status: '', stuckSteps: [] as string[] };
  results.push(
    await phase(`workers paused in "${step}"`, async () => {
      for (const worker of running.workers) worker.child.kill('SIGSTOP');
      // The pause is the fault itself: the step's model keeps streaming meanwhile.
      await sleep(2_000);
      for (const worker of running.workers) worker.child.kill('SIGCONT');
      runEnd = await waitForRunEnd(db, run);
    }),
  );
  say(`plan run ended ${runEnd.status}; steps left running: ${runEnd.stuckSteps.length}`);
  const problems = [
    ...results.flatMap((r) => r.problems),
    ...(runEnd.stuckSteps.length > 0
      ? [`plan run steps left running: ${runEnd.stuckSteps.join(', ')}`]
      : []),
  ];
  if (problems.length > 0) {
    failed = true;
    for (const problem of problems) process.stderr.write(`[chaos] FAILED: ${problem}\n`);
  } else {
    say('passed: every fault recovered with 0 acknowledged updates lost');
  }
} catch (error) {
  failed = true;
  process.stderr.write(`[chaos] FAILED: ${describeError(error)}\n`);
} finally {
  for (const typist of typists) typist.destroy();
  await cluster?.stop();
  await redis.stop();
  await model.close();
  await db.destroy();
  await database.drop();
  await rm(workDir, { recursive: true, force: true });
  clearTimeout(budget);
}
process.exit(failed ? 1 : 0);
