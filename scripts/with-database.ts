// Runs a command with DATABASE_URL pointing at a Postgres: the one given, or else a throwaway
// embedded cluster started here and stopped (and deleted) when the command ends.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '@specboard/db';
import { describeError } from './dev-processes.ts';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  process.stderr.write('usage: node scripts/with-database.ts <command> [args…]\n');
  process.exit(2);
}

let stopEmbedded = async () => {};
if (!process.env.DATABASE_URL) {
  const dataDir = await mkdtemp(join(tmpdir(), 'specboard-test-pg-'));
  const running = await startEmbeddedPostgres({ dataDir, ephemeral: true }).catch(
    (error: unknown) => {
      process.stderr.write(`with-database: could not start Postgres: ${describeError(error)}\n`);
      process.exit(1);
    },
  );
  process.env.DATABASE_URL = running.url;
  process.stdout.write(
    `with-database: embedded Postgres at ${running.url.replace(/:[^:@/]+@/, ':***@')}\n`,
  );
  stopEmbedded = async () => {
    await running.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}

const child = spawn(command, args, { stdio: 'inherit', shell: false });
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => child.kill(signal));
}
const code: number = await new Promise((resolve) => {
  child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
  child.on('error', (error) => {
    process.stderr.write(`with-database: cannot run ${command}: ${error.message}\n`);
    resolve(127);
  });
});
await stopEmbedded();
process.exit(code);
