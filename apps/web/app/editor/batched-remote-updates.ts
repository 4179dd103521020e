import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { messageSync, type WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/** When the page is hidden animation frames stop: remote edits still land within this time. */
const HIDDEN_FLUSH_MS = 100;

/**
 * Applies the remote edits that arrive within one frame together, as one Yjs transaction, just
 * before that frame is drawn. y-prosemirror turns every Yjs transaction into a ProseMirror
 * transaction that walks the whole document (a trace-sized PRD has 3,000 blocks), so applying
 * each websocket message on its own costs one full pass per message and, with many typists,
 * backs the main thread up. Batched, it is one pass per frame, painted in the same frame.
 * The sync handshake (steps 1 and 2) is handled at once, as y-websocket does.
 */
export function batchRemoteUpdates(provider: WebsocketProvider): void {
  const pending: Uint8Array[] = [];
  let frame = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    timer = undefined;
    const updates = pending.splice(0);
    if (updates.length === 0) return;
    provider.doc.transact(() => {
      for (const update of updates) Y.applyUpdate(provider.doc, update, provider);
    }, provider);
  };
  provider.messageHandlers[messageSync] = (encoder, decoder, _provider, emitSynced) => {
    const type = decoding.readVarUint(decoder);
    if (type === syncProtocol.messageYjsUpdate) {
      pending.push(decoding.readVarUint8Array(decoder));
      if (timer === undefined) {
        frame = requestAnimationFrame(flush);
        timer = setTimeout(flush, HIDDEN_FLUSH_MS);
      }
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
