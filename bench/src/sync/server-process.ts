import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  pid: number;
  /** Resident set size of the server process now, from /proc/<pid>/status. */
  rssKb(): Promise<number>;
  /** CPU seconds the server process has used so far (user + system, all its threads). */
  cpuSeconds(): Promise<number>;
  /** SIGTERM, then waits for the exit (SIGKILL after 10 s). */
  stop(): Promise<void>;
}

export interface SpawnServerOptions {
  label: string;
  args: string[];
  env: Record<string, string>;
  /** Printed on stdout once the server accepts connections. */
  readyText: string;
  /** Extra node flags, e.g. `--cpu-prof`. */
  nodeFlags?: string[];
}

/** Starts `node <args>` and resolves once it prints `readyText`; stderr goes to ours. */
export async function spawnServer(options: SpawnServerOptions): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), ...options.args], {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const onExit = (code: number | null) =>
      reject(new Error(`${options.label} exited with ${code} before it was ready: ${output}`));
    child.once('exit', onExit);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!output.includes(options.readyText)) return;
      child.off('exit', onExit);
      resolve();
    });
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${options.label} has no pid`);
  return {
    pid,
    rssKb: () => readRssKb(pid),
    cpuSeconds: () => readCpuSeconds(pid),
    stop: () => stopChild(child, exited),
  };
}

async function readRssKb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  if (match?.[1] === undefined) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(match[1]);
}

/** Clock ticks per second of /proc's CPU times (USER_HZ). */
let ticksPerSecond: number | undefined;

/** utime + stime (fields 14 and 15 of /proc/<pid>/stat), in seconds. */
async function readCpuSeconds(pid: number): Promise<number> {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) is in parentheses and may contain spaces: split after it.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) {
    throw new Error(`unreadable CPU times in /proc/${pid}/stat`);
  }
  return (utime + stime) / ticksPerSecond;
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const killer = setTimeout(() => {
    process.stderr.write(`server ${child.pid} did not stop within 10 s of SIGTERM: killing it\n`);
    child.kill('SIGKILL');
  }, 10_000);
  await exited;
  clearTimeout(killer);
}
