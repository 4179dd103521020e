// A worker thread holding a share of the load generator's clients; driven by ClientPool.
import { parentPort } from 'node:worker_threads';
import { nowMs } from '../clock.ts';
import { type BenchClient, connectClient } from './connect.ts';
import { typeAndMeasure } from './fanout-typing.ts';
import { type WorkerCommand, type WorkerReply, workerCommandSchema } from './messages.ts';
import { whenTextsEqual } from './text-watch.ts';

/** Connections opened at once, so thousands of clients do not stampede the server. */
const CONNECT_BATCH = 50;

const port = parentPort;
if (port === null) throw new Error('client-worker must run in a worker thread');
let clients: BenchClient[] = [];

async function handle(command: WorkerCommand): Promise<WorkerReply> {
  switch (command.type) {
    case 'connect': {
      for (let i = 0; i < command.specs.length; i += CONNECT_BATCH) {
        const batch = command.specs.slice(i, i + CONNECT_BATCH).map(connectClient);
        clients.push(...batch);
        await Promise.all(batch.map((c) => c.synced));
      }
      return { type: 'connected', count: clients.length };
    }
    case 'fanout':
      return { type: 'fanout-done', ...(await typeAndMeasure(clients, command)) };
    case 'watch-text':
      await whenTextsEqual(clients, command.expected, command.timeoutMs);
      return { type: 'text-complete', at: nowMs() };
    case 'close':
      for (const client of clients) client.destroy();
      clients = [];
      return { type: 'closed' };
  }
}

port.on('message', (raw: unknown) => {
  handle(workerCommandSchema.parse(raw)).then(
    (reply) => port.postMessage(reply),
    (error: unknown) =>
      port.postMessage({
        type: 'failed',
        message: error instanceof Error ? error.message : String(error),
      } satisfies WorkerReply),
  );
});
