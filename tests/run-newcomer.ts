// The newcomer's first minutes: runs the README's first command (`pnpm dev` = scripts/dev.ts) as
// a fresh clone would — development mode, no DATABASE_URL (an embedded Postgres in a temporary
// data dir), no AI key (the offline provider) — then walks it in Chromium (newcomer/*.spec.ts).
// Fails as well when the dev server re-optimised dependencies (a reload under the person) or
// when `pnpm dev` did not stop cleanly on SIGTERM.
import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startService } from '../scripts/dev-processes.ts';
import { freePort } from './support/ports.ts';

const root = resolve(import.meta.dirname, '..');
const dataDir = await mkdtemp(join(tmpdir(), 'specboard-newcomer-'));
// Like a checkout's `.data`, which people create with the default mode (mkdtemp's is 0700).
await chmod(dataDir, 0o755);
const ports = {
  web: await freePort(),
  sync: await freePort(),
  syncInternal: await freePort(),
  postgres: await freePort(),
};
const env: NodeJS.ProcessEnv = {
  ...process.env,
  SPECBOARD_DATA_DIR: dataDir,
  WEB_PORT: String(ports.web),
  SYNC_PORT: String(ports.sync),
  SYNC_INTERNAL_PORT: String(ports.syncInternal),
  EMBEDDED_PG_PORT: String(ports.postgres),
};
for (const name of ['DATABASE_URL', 'REDIS_URL', 'OPENAI_API_KEY', 'OPENAI_BASE_URL', 'NODE_ENV'])
  delete env[name];

function say(message: string): void {
  process.stdout.write(`[newcomer] ${message}\n`);
}

const dev = spawn(process.execPath, ['scripts/dev.ts'], {
  cwd: root,
  env,
  stdio: ['ignore', 'pipe', 'pipe'],
});
let output = '';
const devExited = new Promise<number>((done) =>
  dev.once('exit', (code, signal) => done(code ?? (signal ? 1 : 0))),
);
const banner = new Promise<string>((done, fail) => {
  const onData = (chunk: Buffer) => {
    process.stdout.write(chunk);
    output += chunk.toString();
    const match = /Specboard is running at (\S+)/.exec(output);
    if (match?.[1] && output.includes('Ctrl+C stops everything')) done(match[1]);
  };
  dev.stdout.on('data', onData);
  dev.stderr.on('data', onData);
  void devExited.then((code) =>
    fail(new Error(`pnpm dev exited with ${code} before it was ready`)),
  );
});

/** `role  email / password` lines of the startup banner. */
function bannerAccounts(text: string): Record<string, { email: string; password: string }> {
  const accounts: Record<string, { email: string; password: string }> = {};
  for (const match of text.matchAll(/^\s+(\w+)\s+(\S+@\S+) \/ (\S+)\s*$/gm)) {
    const [, role, email, password] = match;
    if (role && email && password && !accounts[role]) accounts[role] = { email, password };
  }
  return accounts;
}

let code = 1;
try {
  const baseUrl = await banner;
  const playwright = startService({
    name: 'playwright',
    command: process.execPath,
    args: [
      'node_modules/@playwright/test/cli.js',
      'test',
      '--config',
      'playwright.newcomer.config.ts',
      ...process.argv.slice(2),
    ],
    cwd: import.meta.dirname,
    env: {
      ...process.env,
      E2E_BASE_URL: baseUrl,
      NEWCOMER_ACCOUNTS: JSON.stringify(bannerAccounts(output)),
    },
  });
  code = await playwright.exited;
  if (/optimized dependencies changed|new dependencies optimized/i.test(output)) {
    say('FAIL: the dev server re-optimised dependencies (pages reloaded under the person)');
    code ||= 1;
  }
} finally {
  dev.kill('SIGTERM');
  const stopped = await Promise.race([
    devExited,
    new Promise<'timeout'>((done) => setTimeout(() => done('timeout'), 30_000)),
  ]);
  if (stopped !== 0) {
    say(`FAIL: pnpm dev did not stop cleanly on SIGTERM (${stopped})`);
    dev.kill('SIGKILL');
    code ||= 1;
  }
  await rm(dataDir, { recursive: true, force: true });
}
process.exit(code);
