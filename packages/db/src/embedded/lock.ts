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

/**
 * Makes way for a new postmaster in `dir`. A postmaster left by a killed run is stopped (fast
 * shutdown, so it finishes what it was doing and checkpoints) rather than reused: nobody could
 * stop a reused one when this process exits, and it runs with the previous run's port and
 * binaries. One that is shutting down is waited for. One whose owner is alive is left alone and
 * reported. A lock naming a live process that is not Postgres (a reused PID) is removed; one
 * naming a dead process is left to Postgres, which also checks that no old backend still runs.
 */
export async function makeWayForPostmaster(
  dir: string,
  log: (message: string) => void,
): Promise<void> {
  const lockFile = join(dir, 'postmaster.pid');
  const lock = await readFile(lockFile, 'utf8').catch(() => undefined);
  if (lock === undefined) return;
  // Lines: PID, data directory, start time, port, socket directory, listen address, shared
  // memory key, status ("starting", "stopping", "ready", "standby").
  const lines = lock.split('\n');
  const pid = Number.parseInt(lines[0] ?? '', 10);
  const info = Number.isInteger(pid) && pid > 0 ? await processInfo(pid) : undefined;
  if (!info || info.zombie) return;
  if (!`${info.command} `.includes(`-D ${dir} `)) {
    if (/(^|\/)postgres\b/.test(info.command)) {
      throw new Error(
        `${lockFile} names PID ${pid}, a Postgres not started from here (${info.command}); ` +
          `stop it, or delete ${lockFile} if it does not use ${dir}`,
      );
    }
    log(`removing ${basename(lockFile)}: its PID ${pid} is now another process`);
    await rm(lockFile, { force: true });
    return;
  }
  const status = lines[7]?.trim();
  const owner = Number.parseInt(await readFile(join(dir, OWNER_FILE), 'utf8').catch(() => ''), 10);
  if (status !== 'stopping') {
    if (info.ppid === owner && (await isRunning(owner))) {
      const ownerInfo = await processInfo(owner);
      throw new Error(
        `Postgres for ${dir} is already running (PID ${pid}) for process ${owner} ` +
          `(${ownerInfo?.command ?? 'unknown'}); stop that process first, or set DATABASE_URL`,
      );
    }
    log(`stopping the Postgres a killed run left behind (PID ${pid})`);
    process.kill(pid, 'SIGINT');
  }
  if (await waitForExit(pid, 20_000)) return;
  log(`Postgres (PID ${pid}) did not stop within 20 s: immediate shutdown`);
  process.kill(pid, 'SIGQUIT');
  if (!(await waitForExit(pid, 5_000))) {
    throw new Error(`Postgres (PID ${pid}) for ${dir} did not stop; stop it and start again`);
  }
}

/** Records this process as the owner of the postmaster about to start in `dir`. */
export async function recordOwner(dir: string): Promise<void> {
  await writeFile(join(dir, OWNER_FILE), String(process.pid));
}
