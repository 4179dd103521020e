import { availableParallelism } from 'node:os';
import type { ColdLoadResult } from './workloads/cold-load.ts';
import type { CrashLoadResult } from './workloads/crash-load.ts';
import type { FanoutResult } from './workloads/fanout.ts';
import type { IdleResult } from './workloads/idle.ts';
import type { ReplayResult } from './workloads/replay.ts';

export interface ServerResults {
  server: string;
  /** Workloads that failed, with why; the others still report. */
  failures: string[];
  idle?: IdleResult;
  fanout?: FanoutResult;
  replay?: ReplayResult;
  cold?: ColdLoadResult;
  crash?: CrashLoadResult;
}

/** Every round's results of one server; cells show the median over the rounds. */
export interface ServerRuns {
  server: string;
  rounds: ServerResults[];
}

type Metric = (r: ServerResults) => number | undefined;
type Row = [label: string, value: Metric, digits: number];

const metrics = {
  fanoutP50: (r) => r.fanout?.p50Ms,
  fanoutP99: (r) => r.fanout?.p99Ms,
  replayMs: (r) => r.replay?.totalMs,
  idleKbPerConnection: (r) => r.idle?.kbPerConnection,
  coldLoadMs: (r) => r.cold?.loadMs,
  crashLoadMs: (r) => r.crash?.loadMs,
} satisfies Record<string, Metric>;

const rows: Row[] = [
  ['fan-out p50 latency (ms)', metrics.fanoutP50, 2],
  ['fan-out p99 latency (ms)', metrics.fanoutP99, 2],
  ['fan-out delivered msgs/s', (r) => r.fanout?.deliveredPerSecond, 0],
  ['fan-out delivered share (%)', (r) => mapOpt(r.fanout?.deliveredShare, (s) => s * 100), 1],
  ['fan-out distinct final texts', (r) => r.fanout?.distinctTexts, 0],
  ['fan-out server CPU (s)', (r) => r.fanout?.serverCpuSeconds, 1],
  ['fan-out server CPU (% of a core)', (r) => mapOpt(r.fanout, serverCoreShare), 0],
  ['fan-out load generator CPU (s)', (r) => r.fanout?.clientCpuSeconds, 1],
  ['replay total (ms)', metrics.replayMs, 0],
  ['replay writer done (ms)', (r) => r.replay?.writerMs, 0],
  ['idle RSS before (MB)', (r) => mapOpt(r.idle?.baselineRssKb, (kb) => kb / 1024), 1],
  ['idle RSS with conns (MB)', (r) => mapOpt(r.idle?.loadedRssKb, (kb) => kb / 1024), 1],
  ['idle RSS per conn (KB)', metrics.idleKbPerConnection, 1],
  ['cold load compacted doc, median (ms)', metrics.coldLoadMs, 1],
  ['cold load, first restart (ms)', (r) => r.cold?.loadsMs[0], 1],
  ['cold load, worst restart (ms)', (r) => (r.cold ? Math.max(...r.cold.loadsMs) : undefined), 1],
  ['compaction wait (ms)', (r) => r.cold?.compactionWaitMs, 0],
  ['log rows left uncompacted', (r) => r.cold?.rowsLeftBehind, 0],
  ['cold load after a crash (log not compacted), median (ms)', metrics.crashLoadMs, 1],
  [
    'cold load after a crash, worst restart (ms)',
    (r) => mapOpt(r.crash, (c) => Math.max(...c.loadsMs)),
    1,
  ],
  ['crash log rows', (r) => r.crash?.logRows, 0],
  ['crash log size (MB)', (r) => mapOpt(r.crash, (c) => c.logBytes / 1e6), 1],
];

function serverCoreShare(fanout: FanoutResult): number {
  return (fanout.serverCpuSeconds / fanout.wallSeconds) * 100;
}

function mapOpt<T>(value: T | undefined, f: (v: T) => number): number | undefined {
  return value === undefined ? undefined : f(value);
}

/** Median of `metric` over the rounds that measured it; undefined when none did. */
function medianOf(runs: ServerRuns | undefined, metric: Metric): number | undefined {
  const values = (runs?.rounds ?? [])
    .map(metric)
    .filter((v): v is number => v !== undefined)
    .sort((a, b) => a - b);
  if (values.length === 0) return undefined;
  const mid = values.length / 2;
  return Number.isInteger(mid)
    ? ((values[mid - 1] ?? 0) + (values[mid] ?? 0)) / 2
    : values[Math.floor(mid)];
}

/** The server × metric table, as aligned plain text. */
export function formatTable(all: readonly ServerRuns[]): string {
  const header = ['metric', ...all.map((r) => r.server)];
  const body = rows
    .filter(([, value]) => all.some((r) => medianOf(r, value) !== undefined))
    .map(([label, value, digits]) => [
      label,
      ...all.map((r) => medianOf(r, value)?.toFixed(digits) ?? '—'),
    ]);
  const widths = header.map((_, c) =>
    Math.max(...[header, ...body].map((row) => row[c]?.length ?? 0)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
      .join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

const verdict = (ok: boolean) => (ok ? 'ok' : 'MISS');

/**
 * Which side the fan-out's CPU ran out on: the server when its one event loop was busy ≥ 90% of
 * the time, the machine when server and load generator together used ≥ 90% of every core.
 */
function saturation(runs: ServerRuns): string | undefined {
  const share = medianOf(runs, (r) => mapOpt(r.fanout, serverCoreShare));
  const client = medianOf(runs, (r) => r.fanout?.clientCpuSeconds);
  const server = medianOf(runs, (r) => r.fanout?.serverCpuSeconds);
  const wall = medianOf(runs, (r) => r.fanout?.wallSeconds);
  if (share === undefined || client === undefined || server === undefined || !wall) return;
  const machine = ((server + client) / wall / availableParallelism()) * 100;
  const side =
    share >= 90
      ? 'the server saturates'
      : machine >= 90
        ? 'the machine saturates'
        : 'no side saturates';
  return `${runs.server} server ${share.toFixed(0)}% of a core, machine ${machine.toFixed(0)}%: ${side}`;
}

/**
 * Specboard against each target; relative targets are ratios to the best peer (the other server
 * with the lowest figure).
 */
export function formatSummary(all: readonly ServerRuns[]): string {
  const ours = all.find((r) => r.server === 'specboard');
  if (ours === undefined) return 'summary: specboard was not run';
  const peers = all.filter((r) => r !== ours);
  const parts: string[] = [];
  const againstBest = (label: string, metric: Metric, target: number) => {
    const a = medianOf(ours, metric);
    const best = peers
      .map((runs) => ({ server: runs.server, value: medianOf(runs, metric) }))
      .filter((p): p is { server: string; value: number } => p.value !== undefined)
      .sort((x, y) => x.value - y.value)[0];
    if (a === undefined || best === undefined) return;
    const ratio = a / best.value;
    parts.push(
      `${label} ${ratio.toFixed(2)}× ${best.server} (≤ ${target}: ${verdict(ratio <= target)})`,
    );
  };
  againstBest('fan-out p99', metrics.fanoutP99, 1.2);
  const share = medianOf(ours, (r) => r.fanout?.deliveredShare);
  const texts = medianOf(ours, (r) => r.fanout?.distinctTexts);
  if (share !== undefined && texts !== undefined) {
    const lost = share < 1 || texts !== 1;
    parts.push(
      `fan-out delivered ${(share * 100).toFixed(1)}%, ${texts} final text(s) (all, converged: ${verdict(!lost)})`,
    );
  }
  againstBest('replay', metrics.replayMs, 1.5);
  const kb = medianOf(ours, metrics.idleKbPerConnection);
  if (kb !== undefined) parts.push(`idle ${kb.toFixed(1)} KB/conn (≤ 50: ${verdict(kb <= 50)})`);
  const cold = medianOf(ours, metrics.coldLoadMs);
  if (cold !== undefined) {
    parts.push(`cold load ${cold.toFixed(1)} ms median (≤ 100: ${verdict(cold <= 100)})`);
  }
  const crash = medianOf(ours, metrics.crashLoadMs);
  if (crash !== undefined) {
    parts.push(
      `cold load after a crash ${crash.toFixed(1)} ms median (≤ 1000: ${verdict(crash <= 1000)})`,
    );
  }
  const failed = all.flatMap((r) =>
    r.rounds.flatMap((round) => round.failures.map((f) => `${r.server} ${f}`)),
  );
  if (failed.length > 0) parts.push(`FAILED: ${failed.join(' | ')}`);
  const rounds = Math.max(...all.map((r) => r.rounds.length));
  const cpu = all.map(saturation).filter((line) => line !== undefined);
  return [
    `summary (${rounds === 1 ? '1 round' : `median of ${rounds} rounds`}): specboard ${parts.join('; ')}`,
    ...(cpu.length > 0 ? [`fan-out CPU: ${cpu.join('; ')}`] : []),
  ].join('\n');
}
