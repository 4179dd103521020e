// Runs in a worker thread: folds a snapshot and log rows into a new V2 state, so merging large
// logs never blocks the socket event loop.
import { parentPort } from 'node:worker_threads';
import { mergeDocState } from '@specboard/doc/doc-state';

export interface MergeRequest {
  id: number;
  snapshot: Uint8Array | null;
  updates: Uint8Array[];
}

export type MergeReply = { id: number; state: Uint8Array } | { id: number; error: string };

const port = parentPort;
if (!port) throw new Error('compactor-thread.ts must run in a worker thread');

port.on('message', (request: MergeRequest) => {
  try {
    const state = mergeDocState(
      request.snapshot,
      request.updates.map((update) => ({ update })),
    );
    port.postMessage({ id: request.id, state } satisfies MergeReply);
  } catch (error) {
    port.postMessage({ id: request.id, error: String(error) } satisfies MergeReply);
  }
});
