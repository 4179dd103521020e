// Child processes for `pnpm dev`: each one's output is prefixed with its name, and all of them
// are stopped together.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';

const exitWithParent = `--import=${pathToFileURL(join(import.meta.dirname, 'exit-with-parent.ts')).href}`;

export interface Service {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export interface RunningService {
  name: string;
  child: ChildProcess;
  exited: Promise<number>;
}

export function startService(service: Service): RunningService {
  const child = spawn(service.command, service.args, {
    cwd: service.cwd,
    env: {
      ...service.env,
      NODE_OPTIONS: [service.env.NODE_OPTIONS, exitWithParent].filter(Boolean).join(' '),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on('line', (line) => {
      process.stdout.write(`[${service.name}] ${line}\n`);
    });
  }
  const exited = new Promise<number>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.once('error', (error) => {
      process.stderr.write(`[${service.name}] could not start: ${error.message}\n`);
      resolve(127);
    });
  });
  return { name: service.name, child, exited };
}

/** SIGTERM, then SIGKILL for anything still running after the grace period. */
export async function stopServices(services: RunningService[], graceMs = 10_000): Promise<void> {
  await Promise.all(
    services.map(async (service) => {
      if (service.child.exitCode !== null) return;
      service.child.kill('SIGTERM');
      const timer = setTimeout(() => service.child.kill('SIGKILL'), graceMs);
      await service.exited;
      clearTimeout(timer);
    }),
  );
}

/** Resolves once `url` answers (any status below 500), or rejects after `timeoutMs`. */
export async function waitForHttp(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { redirect: 'manual' });
      if (response.status < 500) return;
      lastError = new Error(`HTTP ${response.status}`);
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`, { cause: lastError });
}

function describeOne(error: unknown): string {
  if (!(error instanceof Error)) {
    return error === undefined
      ? 'failed without saying why (rejected with undefined)'
      : String(error);
  }
  if (error.message) return error.message;
  // Node's connection errors to several addresses are AggregateErrors with an empty message.
  if (error instanceof AggregateError && error.errors.length > 0) {
    return error.errors.map(describeOne).join('; ');
  }
  return 'code' in error && typeof error.code === 'string'
    ? error.code
    : `${error.name} (no message)`;
}

/**
 * One line saying why `error` happened: its message and those of its causes, never empty or
 * "undefined" (an Error with no message, or a promise rejected with no reason, still says so).
 */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5; depth++) {
    const part = describeOne(current);
    if (!parts.some((earlier) => earlier.includes(part))) parts.push(part);
    if (!(current instanceof Error) || current.cause === undefined) break;
    current = current.cause;
  }
  return parts.join(': ').replace(/\s*\n\s*/g, ' ');
}
