import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type BenchOptions, parseOptions } from './options.ts';
import { formatSummary, formatTable, type ServerResults, type ServerRuns } from './report.ts';
import { startHocuspocus } from './targets/hocuspocus.ts';
import { startReference } from './targets/reference.ts';
import { type SpecboardTarget, startSpecboard } from './targets/specboard.ts';
import type { Target } from './targets/target.ts';
import { type EditingTrace, loadTrace } from './trace.ts';
import { runColdLoad } from './workloads/cold-load.ts';
import { runCrashLoad } from './workloads/crash-load.ts';
import { runFanout } from './workloads/fanout.ts';
import { runIdle } from './workloads/idle.ts';
import { runReplay } from './workloads/replay.ts';

const say = (line: string) => process.stdout.write(`${line}\n`);

async function cpuProfFlags(options: BenchOptions, server: string): Promise<string[]> {
  if (options.cpuProf === undefined) return [];
  const dir = join(options.cpuProf, server);
  await mkdir(dir, { recursive: true });
  return ['--cpu-prof', `--cpu-prof-dir=${dir}`];
}

async function startTarget(name: BenchOptions['servers'][number], options: BenchOptions) {
  const nodeFlags = await cpuProfFlags(options, name);
  if (name === 'specboard')
    return startSpecboard({ adminDatabaseUrl: options.databaseUrl, nodeFlags });
  if (name === 'reference') return startReference({ nodeFlags });
  return startHocuspocus({ nodeFlags });
}

function isSpecboard(target: Target): target is SpecboardTarget {
  return target.name === 'specboard';
}

/** Runs `workload`, recording a failure instead of ending the whole run. */
async function attempt<T>(
  results: ServerResults,
  workload: string,
  run: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await run();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    say(`[${results.server}] ${workload} failed: ${message}`);
    results.failures.push(`${workload}: ${message}`);
    return undefined;
  }
}

/** Runs the selected workloads against one server, each server on its own in turn. */
async function benchServer(target: Target, options: BenchOptions, trace: EditingTrace) {
  const results: ServerResults = { server: target.name, failures: [] };
  const runs = new Set(options.workloads);
  const { threads } = options;
  if (runs.has('idle')) {
    say(
      `[${target.name}] idle: ${options.idleConnections} connections over ${options.idleDocs} docs`,
    );
    results.idle = await attempt(results, 'idle', () =>
      runIdle(target, {
        connections: options.idleConnections,
        docs: options.idleDocs,
        threads,
        settleMs: 2000,
      }),
    );
  }
  if (runs.has('fanout')) {
    say(
      `[${target.name}] fan-out: ${options.fanoutClients} clients, ${options.fanoutWriters} typing ${options.fanoutRate}/s for ${options.fanoutSeconds} s`,
    );
    results.fanout = await attempt(results, 'fanout', () =>
      runFanout(target, {
        clients: options.fanoutClients,
        writers: options.fanoutWriters,
        updatesPerSecond: options.fanoutRate,
        seconds: options.fanoutSeconds,
        threads,
      }),
    );
  }
  if (runs.has('replay') || runs.has('cold')) {
    say(
      `[${target.name}] replay: ${trace.patches.length} patches, ${options.replayObservers} observers`,
    );
    const replay = await attempt(results, 'replay', () =>
      runReplay(target, trace, { observers: options.replayObservers, threads, timeoutMs: 600_000 }),
    );
    results.replay = replay;
    if (replay && runs.has('cold') && isSpecboard(target)) {
      say(`[${target.name}] cold load: waiting for compaction, restarting`);
      results.cold = await attempt(results, 'cold', () =>
        runColdLoad(target, replay.docName, trace.endContent, options.coldRestarts),
      );
    }
  }
  if (runs.has('crash') && isSpecboard(target)) {
    say(`[${target.name}] cold load after a crash: the whole trace in the log, restarting`);
    results.crash = await attempt(results, 'crash', () =>
      runCrashLoad(target, trace, options.coldRestarts),
    );
  }
  return results;
}

/** `pnpm bench sync [--quick] [--rounds n] [--servers a,b] [--workloads a,b] [--<size> n]`. */
export async function runSyncBench(argv: string[]): Promise<void> {
  const options = parseOptions(argv, process.env);
  const trace = await loadTrace(options.trace, options.replayPatches);
  say(`sync bench${options.quick ? ' (quick)' : ''}: servers ${options.servers.join(', ')}`);
  const all: ServerRuns[] = [];
  // Rounds interleave the servers, so a burst of load from elsewhere on the machine spreads over
  // all of them instead of landing on one.
  for (let round = 1; round <= options.rounds; round++) {
    if (options.rounds > 1) say(`round ${round} of ${options.rounds}`);
    for (const name of options.servers) {
      const target = await startTarget(name, options);
      try {
        const results = await benchServer(target, options, trace);
        const runs = all.find((r) => r.server === target.name);
        if (runs) runs.rounds.push(results);
        else all.push({ server: target.name, rounds: [results] });
      } finally {
        await target.stop();
      }
    }
  }
  say('');
  say(formatTable(all));
  say('');
  say(formatSummary(all));
  if (all.some((r) => r.rounds.some((round) => round.failures.length > 0))) process.exitCode = 1;
}
