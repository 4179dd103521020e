// Helpers for embedded.test.ts: a separate process that owns a cluster, and a table to probe.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import postgres from 'postgres';

export interface Owner {
  /** PID of the postmaster it started. */
  postmasterPid: number;
  /** SIGKILLs the owner and resolves once it is gone. */
  kill(): Promise<void>;
  /** SIGTERMs the owner, which then flushes and stops its cluster; resolves at once. */
  terminate(): void;
}

/** Starts `owner.fixture.ts` on `dataDir` and waits (up to a minute) until it holds `note`. */
export async function startOwner(dataDir: string, note: string): Promise<Owner> {
  const fixture = join(import.meta.dirname, 'owner.fixture.ts');
  const child = spawn(process.execPath, [fixture, dataDir, note], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const kill = async () => {
    child.kill('SIGKILL');
    await exited;
  };
  const ready = new Promise<string>((resolve) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line === 'ready') resolve('ready');
    });
  });
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    ready,
    exited.then(() => 'exited'),
    new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve('not ready within 60 s'), 60_000);
    }),
  ]);
  clearTimeout(timer);
  if (outcome !== 'ready') {
    await kill();
    throw new Error(`owner fixture failed (${outcome}): ${stderr}`);
  }
  const lock = await readFile(join(dataDir, 'postmaster.pid'), 'utf8');
  return {
    postmasterPid: Number.parseInt(lock, 10),
    kill,
    terminate: () => child.kill('SIGTERM'),
  };
}

export async function addNote(url: string, note: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql`create table if not exists notes (note text not null)`;
    await sql`insert into notes ${sql({ note })}`;
  } finally {
    await sql.end();
  }
}

export async function notes(url: string): Promise<string[]> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql<{ note: string }[]>`select note from notes order by note`;
    return rows.map((row) => row.note);
  } finally {
    await sql.end();
  }
}
