import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * `pnpm bench board`: the Playwright benchmark in tests/bench (2,000 cards, two browsers), run by
 * the e2e runner so it gets the same real apps: the built web app, the sync server and the worker.
 */
export async function runBoardBench(argv: string[]): Promise<void> {
  const tests = resolve(import.meta.dirname, '../../../tests');
  const child = spawn(
    process.execPath,
    ['run-e2e.ts', '--config', 'playwright.bench.config.ts', 'board.bench.ts', ...argv],
    { cwd: tests, stdio: 'inherit' },
  );
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  if (code !== 0) process.exitCode = code ?? 1;
}
