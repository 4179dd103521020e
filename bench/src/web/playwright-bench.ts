import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * Runs one Playwright benchmark file of tests/bench through the e2e runner, so it gets the same
 * real apps as the e2e suite: the built web app, the sync server and the worker.
 */
export async function runPlaywrightBench(file: string, argv: string[]): Promise<void> {
  const tests = resolve(import.meta.dirname, '../../../tests');
  const child = spawn(
    process.execPath,
    ['run-e2e.ts', '--config', 'playwright.bench.config.ts', file, ...argv],
    { cwd: tests, stdio: 'inherit' },
  );
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  if (code !== 0) process.exitCode = code ?? 1;
}
