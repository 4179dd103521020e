import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Db } from '@specboard/db';
import { pino } from 'pino';
import type { AiJobDeps } from '../ai/deps.ts';
import type { ProviderResolver } from '../ai/providers.ts';
import { jobs } from '../jobs/index.ts';
import { startRunner } from '../runner.ts';
import { RecordingBus, type Worker } from './ai-harness.ts';

/**
 * Worker timing for tests of dead workers: the AI queues keep pg-boss's shortest heartbeat
 * (10 s) and retry after 1 s, and the supervisor looks every second. A killed worker's job is
 * therefore retried, or dead-lettered on its last attempt, within about 10 + 1 + 1 s.
 */
export const failoverBoundMs = 30_000;

function failoverJobs(retryLimit: number) {
  return jobs.map((job) =>
    job.retry.heartbeatSeconds === undefined
      ? job
      : {
          ...job,
          retry: {
            ...job.retry,
            heartbeatSeconds: 10,
            retryDelay: 1,
            retryBackoff: false,
            retryLimit,
          },
        },
  );
}

/** A real pg-boss worker serving every queue with the failover timing above. */
export async function startFailoverWorker(
  db: Db,
  options: { url: string; schema: string; providers: ProviderResolver; retryLimit: number },
): Promise<Worker> {
  const bus = new RecordingBus();
  const deps: AiJobDeps = {
    db,
    logger: pino({ level: 'silent' }),
    bus,
    providers: options.providers,
    streamThrottleMs: 50,
    cancelPollMs: 100,
  };
  const boss = await startRunner(failoverJobs(options.retryLimit), deps, {
    databaseUrl: options.url,
    concurrency: 2,
    schema: options.schema,
    superviseIntervalSeconds: 1,
  });
  return { boss, bus, deps };
}

export interface ChildWorkerOptions {
  url: string;
  schema: string;
  /** The OpenAI-compatible endpoint the child calls. */
  baseURL: string;
  retryLimit: number;
}

/** Runs `worker-process.ts` in its own process, so a test can SIGKILL it mid-step. */
export async function startChildWorker(
  options: ChildWorkerOptions,
): Promise<{ process: ChildProcess; exited: Promise<NodeJS.Signals | null> }> {
  const child = spawn(
    process.execPath,
    [join(import.meta.dirname, 'worker-process.ts'), JSON.stringify(options)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.once('exit', (_code, signal) => resolve(signal)),
  );
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('worker ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`child worker exited with ${code}: ${output}`)));
  });
  return { process: child, exited };
}
