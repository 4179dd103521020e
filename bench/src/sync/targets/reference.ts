import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { newId } from '@specboard/db';
import { freePort, spawnServer } from '../server-process.ts';
import type { Target } from './target.ts';

/** `@y/websocket-server` 0.1.1's bin: the yjs-13 reference server, documents in memory. */
function referenceBin(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@y/websocket-server/package.json')), 'src/server.js');
}

export async function startReference(options: { nodeFlags: string[] }): Promise<Target> {
  const port = await freePort();
  const server = await spawnServer({
    label: 'y-websocket-server',
    args: [referenceBin()],
    env: { HOST: '127.0.0.1', PORT: String(port) },
    readyText: 'running at',
    nodeFlags: options.nodeFlags,
  });
  return {
    name: 'y-websocket-server',
    newDocName: () => `doc:${newId()}`,
    specFor: async (docName) => ({
      protocol: 'y-websocket',
      serverUrl: `ws://127.0.0.1:${port}`,
      docName,
    }),
    rssKb: () => server.rssKb(),
    cpuSeconds: () => server.cpuSeconds(),
    stop: () => server.stop(),
  };
}
