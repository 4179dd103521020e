// Runs `initdb` and `postgres` as child processes, and turns every way they can fail into an
// Error whose message says why (the last lines Postgres wrote).
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { RunAs } from './system-user.ts';

export interface Postmaster {
  /** Fast shutdown; resolves once the server has exited. */
  stop(): Promise<void>;
}

interface Spawned {
  child: ChildProcess;
  /** Resolves with how the process ended; never rejects (a spawn error counts as an end). */
  ended: Promise<string>;
  /** The errors, warnings and hints among the last lines it wrote, else its last line. */
  reason(): string;
}

function spawnLogged(
  command: string,
  args: string[],
  runAs: RunAs | undefined,
  log: (message: string) => void,
  onLine?: (line: string) => void,
): Spawned {
  const child = spawn(command, args, {
    ...runAs,
    // Its own process group: Ctrl+C in a terminal must not stop the database before the apps
    // using it have flushed their writes; the owner stops it.
    detached: true,
    // English messages: readiness is recognised by text.
    env: { ...process.env, LC_MESSAGES: 'C' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const recent: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on('line', (line) => {
      if (line.trim() === '') return;
      recent.push(line.trim());
      if (recent.length > 20) recent.shift();
      log(line.trim());
      onLine?.(line);
    });
  }
  const ended = new Promise<string>((resolve) => {
    child.once('error', (error) => resolve(`could not run ${command}: ${error.message}`));
    child.once('close', (code, signal) =>
      resolve(signal ? `signal ${signal}` : `exit code ${code}`),
    );
  });
  const reason = () => {
    const telling = recent.filter((line) =>
      /\b(FATAL|PANIC|ERROR|WARNING|HINT)\b|could not|error:/.test(line),
    );
    // Without the "2026-01-01 12:00:00.000 UTC [pid] " prefix of server log lines.
    const lines = (telling.length > 0 ? telling : recent.slice(-1)).map((line) =>
      line.replace(/^\S+ \S+ \S+ \[\d+\] /, ''),
    );
    return lines.join(' / ') || 'no output';
  };
  return { child, ended, reason };
}

export async function initCluster(options: {
  initdb: string;
  dir: string;
  user: string;
  password: string;
  runAs: RunAs | undefined;
  log: (message: string) => void;
}): Promise<void> {
  // Read by initdb, which runs as the postgres user as root: it must be readable by it.
  const passwordFile = join(tmpdir(), `specboard-pw-${randomUUID()}`);
  await writeFile(passwordFile, `${options.password}\n`, { mode: 0o644 });
  try {
    const initdb = spawnLogged(
      options.initdb,
      [
        `--pgdata=${options.dir}`,
        '--auth=password',
        `--username=${options.user}`,
        `--pwfile=${passwordFile}`,
        '--lc-messages=C',
      ],
      options.runAs,
      options.log,
    );
    const end = await initdb.ended;
    if (end !== 'exit code 0') {
      throw new Error(
        `initdb could not create a cluster in ${options.dir} (${end}): ${initdb.reason()}`,
      );
    }
  } finally {
    await rm(passwordFile, { force: true });
  }
}

/** Starts `postgres` on `dir` and resolves once it accepts connections. */
export async function startPostmaster(options: {
  postgres: string;
  dir: string;
  port: number;
  runAs: RunAs | undefined;
  log: (message: string) => void;
}): Promise<Postmaster> {
  let ready = () => {};
  const accepting = new Promise<void>((resolve) => {
    ready = resolve;
  });
  const server = spawnLogged(
    options.postgres,
    ['-D', options.dir, '-p', String(options.port)],
    options.runAs,
    options.log,
    (line) => {
      if (line.includes('database system is ready to accept connections')) ready();
    },
  );
  const stop = async () => {
    if (server.child.exitCode !== null || server.child.signalCode !== null) return;
    server.child.kill('SIGINT');
    const timer = setTimeout(() => server.child.kill('SIGQUIT'), 30_000);
    await server.ended;
    clearTimeout(timer);
  };
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    accepting.then(() => 'ready' as const),
    server.ended,
    new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve('no connections accepted within 60 s'), 60_000);
    }),
  ]);
  clearTimeout(timer);
  if (outcome !== 'ready') {
    await stop();
    throw new Error(`Postgres for ${options.dir} did not start (${outcome}): ${server.reason()}`);
  }
  return { stop };
}
