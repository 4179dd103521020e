import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@specboard/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let t: TestDatabase;
const redisUrl = process.env.REDIS_URL;

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

/**
 * Starts `src/main.ts` as `pnpm start` does and sends it `signals` once it works (a dev runner
 * or a terminal often sends SIGINT on top of SIGTERM); returns its exit code and output.
 */
async function startAndStop(env: Record<string, string>, signals: NodeJS.Signals[]) {
  const child = spawn(process.execPath, [join(import.meta.dirname, 'main.ts')], {
    // vitest sets BASE_URL to '/' (Vite's base path); the worker reads it as the app's address.
    env: {
      ...process.env,
      DATABASE_URL: t.url,
      BASE_URL: 'http://127.0.0.1:3000',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (!output.includes('worker started')) return;
    for (const signal of signals.splice(0)) child.kill(signal);
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, output };
}

describe('worker shutdown', () => {
  it.skipIf(redisUrl === undefined)(
    'closes pg-boss, Redis and Postgres once on SIGTERM + SIGINT, without unhandled errors',
    async () => {
      const { code, output } = await startAndStop({ REDIS_URL: redisUrl ?? '' }, [
        'SIGTERM',
        'SIGINT',
      ]);
      expect(output.match(/worker stopped/g), output).toHaveLength(1);
      expect(output).not.toMatch(/Connection is closed|Unhandled|ERR_UNHANDLED/i);
      expect(code).toBe(0);
    },
    60_000,
  );
});
