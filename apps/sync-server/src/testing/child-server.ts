import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { testInternalSecret, testSecret } from './harness.ts';

export interface ChildServer {
  process: ChildProcess;
  collabUrl: string;
  exited: Promise<number | null>;
}

/** Runs `src/server.ts` as its own process, exactly as `pnpm start` does. */
export async function startChildServer(
  databaseUrl: string,
  port: number,
  env: Record<string, string> = {},
): Promise<ChildServer> {
  const child = spawn(process.execPath, [join(import.meta.dirname, '../server.ts')], {
    env: {
      ...process.env,
      // The in-process servers use the Postgres bus unless a test asks for Redis; so do these.
      REDIS_URL: undefined,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      INTERNAL_PORT: '0',
      HOST: '127.0.0.1',
      SYNC_TOKEN_SECRET: testSecret,
      SYNC_INTERNAL_SECRET: testInternalSecret,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('listening on')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`sync server exited with ${code}: ${output}`)));
  });
  return { process: child, collabUrl: `ws://127.0.0.1:${port}/collab`, exited };
}
