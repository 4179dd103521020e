import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';

const script = fileURLToPath(new URL('./testing/dev-mode-writes.ts', import.meta.url));

// `pnpm dev` runs every process with NODE_ENV=development, where Yjs deep-freezes JSON values
// in Y types and throws on typed arrays nested in them. Yjs reads NODE_ENV when it loads, so
// the writes run in a child process of their own.
test('every shared-document structure is written and read in development mode', async () => {
  const { stdout } = await promisify(execFile)(process.execPath, [script], {
    env: { ...process.env, NODE_ENV: 'development' },
  });
  expect(stdout).toContain('dev-mode writes: ok');
});
