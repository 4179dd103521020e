// A previous run that was killed (kill -9 of `pnpm dev` or of an app) leaves its postmaster
// running with nobody to stop it, and its `postmaster.pid` makes the next start fail. A
// postmaster that is still shutting down does the same for a moment.
import { execFile } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const OWNER_FILE = 'specboard-owner.pid';

interface ProcessInfo {
  ppid: number;
  command: string;
  zombie: boolean;
}

async function processInfo(pid: number): Promise<ProcessInfo | undefined> {
  try {
    if (process.platform === 'linux') {
      const [cmdline, stat] = await Promise.all([
        readFile(`/proc/${pid}/cmdline`, 'utf8'),
        readFile(`/proc/${pid}/stat`, 'utf8'),
      ]);
      // pid (comm) state ppid …: comm may hold spaces and parentheses.
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return {
        ppid: Number(ppid),
        command: cmdline.split('\0').join(' ').trim(),
        zombie: state === 'Z',
      };
    }
    const { stdout } = await run('ps', ['-o', 'ppid=', '-o', 'command=', '-p', String(pid)]);
    const [, ppid, command] = /^\s*(\d+)\s+(.*)$/.exec(stdout.trim()) ?? [];
    return command ? { ppid: Number(ppid), command, zombie: false } : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `pid` runs (a zombie waiting to be reaped does not). */
export async function isRunning(pid: number): Promise<boolean> {
  const info = await processInfo(pid);
  return info !== undefined && !info.zombie;
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (await isRunning(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

interface Holder {
  pid: number;
  stopping: boolean;
  /** The live process that started it, if any (a killed run leaves none). */
  owner: { pid: number; command: string } | undefined;
}

/** The postmaster holding `dir`'s lock, if one runs; a lock naming another process is removed. */
async function lockHolder(
  dir: string,
  log: (message: string) => void,
): Promise<Holder | undefined> {
  const lockFile = join(dir, 'postmaster.pid');
  const lock = await readFile(lockFile, 'utf8').catch(() => undefined);
  if (lock === undefined) return undefined;
  // Lines: PID, data directory, start time, port, socket directory, listen address, shared
  // memory key, status ("starting", "stopping", "ready", "standby").
  const lines = lock.split('\n');
  const pid = Number.parseInt(lines[0] ?? '', 10);
  const info = Number.isInteger(pid) && pid > 0 ? await processInfo(pid) : undefined;
  if (!info || info.zombie) return undefined;
  if (!`${info.command} `.includes(`-D ${dir} `)) {
    if (/(^|\/)postgres\b/.test(info.command)) {
      throw new Error(
        `${lockFile} names PID ${pid}, a Postgres not started from here (${info.command}); ` +
          `stop it, or delete ${lockFile} if it does not use ${dir}`,
      );
    }
    log(`removing ${basename(lockFile)}: its PID ${pid} is now another process`);
    await rm(lockFile, { force: true });
    return undefined;
  }
  const recorded = await readFile(join(dir, OWNER_FILE), 'utf8').catch(() => '');
  const ownerPid = Number.parseInt(recorded, 10);
  const owner = info.ppid === ownerPid ? await processInfo(ownerPid) : undefined;
  return {
    pid,
    stopping: lines[7]?.trim() === 'stopping',
    owner: owner && !owner.zombie ? { pid: ownerPid, command: owner.command } : undefined,
  };
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot stop Postgres (PID ${pid}): ${reason}; stop it and start again`);
  }
}

/**
 * Makes way for a new postmaster in `dir`. A postmaster left by a killed run is stopped (fast
 * shutdown, so it finishes what it was doing and checkpoints) rather than reused: nobody could
 * stop a reused one when this process exits, and it runs with the previous run's port and
 * binaries. One that is shutting down is waited for. One whose owner is alive is given
 * `ownerGraceMs` for its owner to stop it (a restart right after Ctrl+C, while the apps still
 * flush), then reported. A lock naming a live process that is not Postgres (a reused PID) is
 * removed; one naming a dead process is left to Postgres, which also checks that no old backend
 * still runs.
 */
export async function makeWayForPostmaster(
  dir: string,
  log: (message: string) => void,
  ownerGraceMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + ownerGraceMs;
  let holder = await lockHolder(dir, log);
  if (holder?.owner) {
    log(`Postgres for ${dir} belongs to process ${holder.owner.pid}; waiting for it to stop`);
  }
  while (holder?.owner && !holder.stopping) {
    if (Date.now() > deadline) {
      throw new Error(
        `Postgres for ${dir} is already running (PID ${holder.pid}) for process ` +
          `${holder.owner.pid} (${holder.owner.command}); stop that process first, or set DATABASE_URL`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    holder = await lockHolder(dir, log);
  }
  if (!holder) return;
  if (!holder.stopping) {
    log(`stopping the Postgres a killed run left behind (PID ${holder.pid})`);
    signal(holder.pid, 'SIGINT');
  }
  if (await waitForExit(holder.pid, 20_000)) return;
  log(`Postgres (PID ${holder.pid}) did not stop within 20 s: immediate shutdown`);
  signal(holder.pid, 'SIGQUIT');
  if (!(await waitForExit(holder.pid, 5_000))) {
    throw new Error(
      `Postgres (PID ${holder.pid}) for ${dir} did not stop; stop it and start again`,
    );
  }
}

/** Records this process as the owner of the postmaster about to start in `dir`. */
export async function recordOwner(dir: string): Promise<void> {
  await writeFile(join(dir, OWNER_FILE), String(process.pid));
}
