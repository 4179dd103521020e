import type { ColdLoadResult } from './workloads/cold-load.ts';
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
} satisfies Record<string, Metric>;

const rows: Row[] = [
  ['fan-out p50 latency (ms)', metrics.fanoutP50, 2],
  ['fan-out p99 latency (ms)', metrics.fanoutP99, 2],
  ['fan-out delivered msgs/s', (r) => r.fanout?.deliveredPerSecond, 0],
  ['fan-out delivered share (%)', (r) => mapOpt(r.fanout?.deliveredShare, (s) => s * 100), 1],
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
];

function mapOpt(value: number | undefined, f: (v: number) => number): number | undefined {
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

/** One line: Specboard against each target, as ratios to the reference server where relative. */
export function formatSummary(all: readonly ServerRuns[]): string {
  const ours = all.find((r) => r.server === 'specboard');
  const reference = all.find((r) => r.server === 'y-websocket-server');
  if (ours === undefined) return 'summary: specboard was not run';
  const parts: string[] = [];
  const ratio = (metric: Metric) => {
    const a = medianOf(ours, metric);
    const b = medianOf(reference, metric);
    return a === undefined || b === undefined ? undefined : a / b;
  };
  const p99 = ratio(metrics.fanoutP99);
  if (p99 !== undefined) {
    parts.push(`fan-out p99 ${p99.toFixed(2)}× reference (≤ 1.2: ${verdict(p99 <= 1.2)})`);
  }
  const replay = ratio(metrics.replayMs);
  if (replay !== undefined) {
    parts.push(`replay ${replay.toFixed(2)}× reference (≤ 1.5: ${verdict(replay <= 1.5)})`);
  }
  const kb = medianOf(ours, metrics.idleKbPerConnection);
  if (kb !== undefined) parts.push(`idle ${kb.toFixed(1)} KB/conn (≤ 50: ${verdict(kb <= 50)})`);
  const cold = medianOf(ours, metrics.coldLoadMs);
  if (cold !== undefined) {
    parts.push(`cold load ${cold.toFixed(1)} ms median (≤ 100: ${verdict(cold <= 100)})`);
  }
  const failed = all.flatMap((r) =>
    r.rounds.flatMap((round) => round.failures.map((f) => `${r.server} ${f}`)),
  );
  if (failed.length > 0) parts.push(`FAILED: ${failed.join(' | ')}`);
  const rounds = Math.max(...all.map((r) => r.rounds.length));
  return `summary (${rounds === 1 ? '1 round' : `median of ${rounds} rounds`}): specboard ${parts.join('; ')}`;
}
