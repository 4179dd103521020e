import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { applyAwarenessUpdate } from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { messageAwareness, messageSync, type WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/** When the page is hidden animation frames stop: remote edits still land within this time. */
const HIDDEN_FLUSH_MS = 100;

/**
 * Several awareness updates as one: each client's latest state (highest clock), which is what
 * applying them one by one leaves behind, but with one 'change' event (one caret redraw).
 */
function mergeAwarenessUpdates(updates: readonly Uint8Array[]): Uint8Array {
  const latest = new Map<number, { clock: number; state: string }>();
  for (const update of updates) {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    for (let i = 0; i < count; i++) {
      const client = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const state = decoding.readVarString(decoder);
      if ((latest.get(client)?.clock ?? -1) <= clock) latest.set(client, { clock, state });
    }
  }
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, latest.size);
  for (const [client, { clock, state }] of latest) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, state);
  }
  return encoding.toUint8Array(encoder);
}

/**
 * Applies the remote edits that arrive within one frame together, as one Yjs transaction, just
 * before that frame is drawn. y-prosemirror turns every Yjs transaction into a ProseMirror
 * transaction that walks the whole document (a trace-sized PRD has 3,000 blocks), so applying
 * each websocket message on its own costs one full pass per message and, with many typists,
 * backs the main thread up. Batched, it is one pass per frame, painted in the same frame.
 * Carets (awareness) are batched the same way, after the edits they point into: y-prosemirror
 * redraws the carets once per awareness change. The sync handshake (steps 1 and 2) is handled at
 * once, as y-websocket does.
 */
export function batchRemoteUpdates(provider: WebsocketProvider): void {
  const pending: Uint8Array[] = [];
  const carets: Uint8Array[] = [];
  let frame = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    timer = undefined;
    const updates = pending.splice(0);
    if (updates.length > 0) {
      provider.doc.transact(() => {
        for (const update of updates) Y.applyUpdate(provider.doc, update, provider);
      }, provider);
    }
    const awareness = carets.splice(0);
    if (awareness.length > 0) {
      applyAwarenessUpdate(provider.awareness, mergeAwarenessUpdates(awareness), provider);
    }
  };
  const schedule = () => {
    if (timer !== undefined) return;
    frame = requestAnimationFrame(flush);
    timer = setTimeout(flush, HIDDEN_FLUSH_MS);
  };
  provider.messageHandlers[messageAwareness] = (_encoder, decoder) => {
    carets.push(decoding.readVarUint8Array(decoder));
    schedule();
  };
  provider.messageHandlers[messageSync] = (encoder, decoder, _provider, emitSynced) => {
    const type = decoding.readVarUint(decoder);
    if (type === syncProtocol.messageYjsUpdate) {
      pending.push(decoding.readVarUint8Array(decoder));
      schedule();
      return;
    }
    flush();
    encoding.writeVarUint(encoder, messageSync);
    if (type === syncProtocol.messageYjsSyncStep1) {
      syncProtocol.readSyncStep1(decoder, encoder, provider.doc);
    } else if (type === syncProtocol.messageYjsSyncStep2) {
      syncProtocol.readSyncStep2(decoder, provider.doc, provider);
      if (emitSynced && !provider.synced) provider.synced = true;
    } else {
      throw new Error(`unknown sync message type ${type}`);
    }
  };
  provider.on('status', ({ status }) => {
    if (status !== 'connected') flush();
  });
}
