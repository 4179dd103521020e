import * as Y from 'yjs';
import type { Connection } from './connection.ts';
import { encodeUpdate } from './protocol.ts';

/**
 * Updates merged into one frame at most; more in one turn are sent at once as another frame.
 * Y.mergeUpdates is superlinear in the batch: under a burst (a replay, a paste storm on a loaded
 * machine) unbounded batches made every turn slower and the batches larger still.
 */
const MAX_UPDATES_PER_FRAME = 64;

interface PendingUpdate {
  update: Uint8Array;
  /** The connection the update came from (it already has it), or null for the store and bus. */
  from: Connection | null;
}

/**
 * Relays a document's changes to its connections, coalesced per event-loop turn: every update
 * applied before the next `setImmediate` goes out as one merged message per receiver, encoded
 * once for all receivers that sent none of it. Under load the server reads many frames per turn,
 * so receivers get (and apply) one frame per turn instead of one per update, and the server makes
 * one socket write per receiver instead of one per update. With a single update per turn nothing
 * is merged and only the latency of one turn is added.
 */
export class UpdateBroadcast {
  readonly #connections: ReadonlySet<Connection>;
  #pending: PendingUpdate[] = [];
  #scheduled: NodeJS.Immediate | null = null;

  constructor(connections: ReadonlySet<Connection>) {
    this.#connections = connections;
  }

  /** Queues `update` for every connection but `from`; sent at the end of this turn. */
  add(update: Uint8Array, from: Connection | null): void {
    if (this.#connections.size === 0) return;
    this.#pending.push({ update, from });
    if (this.#pending.length >= MAX_UPDATES_PER_FRAME) this.flush();
    else this.#scheduled ??= setImmediate(() => this.flush());
  }

  /** Sends what is queued now. */
  flush(): void {
    this.stop();
    const pending = this.#pending;
    this.#pending = [];
    if (pending.length === 0) return;
    const toAll = asBuffer(encodeUpdate(merged(pending)));
    const senders = new Set<Connection>();
    for (const { from } of pending) if (from !== null) senders.add(from);
    for (const connection of this.#connections) {
      if (!senders.has(connection)) {
        connection.send(toAll);
        continue;
      }
      const others = pending.filter((p) => p.from !== connection);
      if (others.length > 0) connection.send(encodeUpdate(merged(others)));
    }
  }

  /** Drops what is queued (the document is unloading: no one is left to receive it). */
  stop(): void {
    if (this.#scheduled !== null) clearImmediate(this.#scheduled);
    this.#scheduled = null;
  }
}

/** ws wraps every non-Buffer payload in a new Buffer on each send; wrap a shared frame once. */
function asBuffer(frame: Uint8Array): Buffer {
  return Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength);
}

function merged(pending: readonly PendingUpdate[]): Uint8Array {
  const [only] = pending;
  if (pending.length === 1 && only !== undefined) return only.update;
  return Y.mergeUpdates(pending.map((p) => p.update));
}
