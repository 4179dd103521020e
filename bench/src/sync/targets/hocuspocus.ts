import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newId } from '@specboard/db';
import { freePort, spawnServer } from '../server-process.ts';
import type { Target } from './target.ts';

/** Hocuspocus with SQLite persistence, in its own process (see hocuspocus-server.ts). */
export async function startHocuspocus(options: { nodeFlags: string[] }): Promise<Target> {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'specboard-bench-hocuspocus-'));
  const server = await spawnServer({
    label: 'hocuspocus',
    args: [join(import.meta.dirname, 'hocuspocus-server.ts')],
    env: { HOST: '127.0.0.1', PORT: String(port), SQLITE_PATH: join(dir, 'docs.sqlite') },
    readyText: 'hocuspocus listening',
    nodeFlags: options.nodeFlags,
  });
  return {
    name: 'hocuspocus',
    newDocName: () => `doc:${newId()}`,
    specFor: async (docName) => ({
      protocol: 'hocuspocus',
      url: `ws://127.0.0.1:${port}`,
      docName,
    }),
    rssKb: () => server.rssKb(),
    cpuSeconds: () => server.cpuSeconds(),
    stop: async () => {
      try {
        await server.stop();
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
