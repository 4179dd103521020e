// `pnpm --filter @specboard/e2e capacity [--clients 400] [--docs 40] [--writers 2] [--rate 5]
// [--seconds 15]`: one sync server behind HAProxy (the `pnpm cluster` topology), `clients`
// official y-websocket clients over `docs` documents, `writers` per document typing `rate`
// updates/s. Prints connection set-up rate, updates and deliveries per second, delivery latency,
// and the sync server's CPU and memory. A measurement for docs/capacity.md, not a test.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { Cluster } from '../../scripts/cluster/topology.ts';
import { createRunDatabase } from '../support/database.ts';
import { acknowledgements } from './report.ts';
import { connectTypists } from './typists.ts';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '400' },
    docs: { type: 'string', default: '40' },
    writers: { type: 'string', default: '2' },
    rate: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '15' },
  },
});
const [clients, docs, writers, rate, seconds] = [
  values.clients,
  values.docs,
  values.writers,
  values.rate,
  values.seconds,
].map(Number) as [number, number, number, number, number];
const adminUrl = process.env.DATABASE_URL;
if (!adminUrl) {
  process.stderr.write('DATABASE_URL is required\n');
  process.exit(2);
}
// Each y-websocket provider listens for the process's exit; hundreds of them are expected here.
process.setMaxListeners(0);
// Every simulated client comes from 127.0.0.1: lift HAProxy's per-address limits for this run.
process.env.SYNC_LB_CONNECTIONS_PER_CLIENT = '1000000';
process.env.SYNC_LB_NEW_CONNECTIONS_PER_CLIENT = '1000000';

/** CPU seconds (user + system) and resident memory of a process, from /proc. */
async function usage(pid: number): Promise<{ cpuSeconds: number; rssMb: number }> {
  const stat = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]?.split(' ') ?? [];
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return { cpuSeconds: (Number(stat[11]) + Number(stat[12])) / 100, rssMb: rssKb / 1024 };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

const database = await createRunDatabase(adminUrl);
const workDir = await mkdtemp(join(tmpdir(), 'specboard-capacity-'));
const secrets = {
  token: randomBytes(32).toString('hex'),
  internal: randomBytes(32).toString('hex'),
};
const cluster = await Cluster.start({
  databaseUrl: database.url,
  redisUrl: process.env.REDIS_URL,
  host: '127.0.0.1',
  syncServers: 1,
  workers: 0,
  lbPort: 0,
  statsPort: 0,
  secrets,
  workDir,
  drainMs: 0,
  logLevel: 'error',
});
const [server] = cluster.syncServers;
const pid = server?.service.child.pid;
if (!pid) throw new Error('the sync server did not start');
try {
  const connectStart = Date.now();
  const typists = await connectTypists({
    collabUrl: cluster.collabUrl,
    secret: secrets.token,
    documents: docs,
    perDocument: clients / docs,
  });
  const connectMs = Date.now() - connectStart;
  const idle = await usage(pid);
  const typing = typists.filter((_typist, i) => i % (clients / docs) < writers);
  const before = await usage(pid);
  const started = Date.now();
  for (const typist of typing) typist.startTyping(1000 / rate);
  await sleep(seconds * 1000);
  for (const typist of typing) typist.stopTyping();
  const elapsed = (Date.now() - started) / 1000;
  const after = await usage(pid);
  const acks = [...acknowledgements(typists).values()];
  const typedAt = new Map(typing.flatMap((t) => [...t.typed]));
  const latencies = typists
    .flatMap((t) => [...t.seen].map(([marker, at]) => at - (typedAt.get(marker) ?? at)))
    .sort((a, b) => a - b);
  const typed = typing.reduce((n, t) => n + t.typed.size, 0);
  const lines = [
    `clients ${clients} over ${docs} documents through HAProxy, 1 sync server (${process.env.REDIS_URL ? 'Redis' : 'Postgres'} bus)`,
    `connect + sync: ${connectMs} ms for ${clients} (${Math.round((clients * 1000) / connectMs)}/s); RSS ${idle.rssMb.toFixed(0)} MB connected and idle`,
    `typing: ${typing.length} writers × ${rate}/s for ${elapsed.toFixed(1)} s = ${Math.round(typed / elapsed)} updates/s in, ${Math.round(latencies.length / elapsed)} deliveries/s out`,
    `delivery latency p50 ${percentile(latencies, 50)} ms, p95 ${percentile(latencies, 95)} ms, p99 ${percentile(latencies, 99)} ms (${acks.length}/${typed} acknowledged)`,
    `sync server CPU ${(((after.cpuSeconds - before.cpuSeconds) / elapsed) * 100).toFixed(0)}% of one core while typing; RSS ${after.rssMb.toFixed(0)} MB`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  for (const typist of typists) typist.destroy();
} finally {
  await cluster.stop();
  await database.drop();
  await rm(workDir, { recursive: true, force: true });
}
