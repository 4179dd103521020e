import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { ConnectSpec } from './connect-spec.ts';
import { WireMessage, wireFormatFor } from './wire-format.ts';

/** Hocuspocus' auth sub-messages (client → server token; server → client denial). */
const HocuspocusAuth = { token: 0, permissionDenied: 1 } as const;
/** y-protocols' auth sub-message (server → client). */
const YWebsocketPermissionDenied = 0;

/**
 * One connected client: a Y.Doc behind the same minimal protocol client for every server — sync
 * steps and updates only, no awareness — so the servers are compared under equal client cost.
 */
export interface BenchClient {
  doc: Y.Doc;
  /** Resolves when the first sync with the server has completed (its sync step 2 applied). */
  synced: Promise<void>;
  destroy(): void;
}

function urlOf(spec: ConnectSpec): string {
  if (spec.protocol === 'hocuspocus') return spec.url;
  const url = new URL(`${spec.serverUrl}/${encodeURIComponent(spec.docName)}`);
  if (spec.token !== undefined) url.searchParams.set('token', spec.token);
  return url.toString();
}

export function connectClient(spec: ConnectSpec): BenchClient {
  const doc = new Y.Doc();
  const wire = wireFormatFor(spec);
  /** Origin of updates applied from the server, which are not sent back. */
  const remote = Symbol('server');
  const socket = new WebSocket(urlOf(spec), { perMessageDeflate: false });
  let markSynced: () => void = () => {};
  let fail: (error: Error) => void = () => {};
  const synced = new Promise<void>((resolve, reject) => {
    markSynced = resolve;
    fail = reject;
  });
  // A failure after the first sync has no one waiting; it shows as missing deliveries instead.
  synced.catch(() => {});

  const send = (write: (encoder: encoding.Encoder) => void) => {
    if (socket.readyState !== WebSocket.OPEN) return;
    const encoder = wire.encoder();
    write(encoder);
    socket.send(encoding.toUint8Array(encoder));
  };

  socket.on('open', () => {
    if (spec.protocol === 'hocuspocus') {
      send((encoder) => {
        encoding.writeVarUint(encoder, WireMessage.auth);
        encoding.writeVarUint(encoder, HocuspocusAuth.token);
        encoding.writeVarString(encoder, '');
      });
    }
    send((encoder) => {
      encoding.writeVarUint(encoder, WireMessage.sync);
      syncProtocol.writeSyncStep1(encoder, doc);
    });
  });

  socket.on('message', (data: Buffer) => {
    const decoder = wire.decoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    const type = decoding.readVarUint(decoder);
    if (type === WireMessage.sync || type === WireMessage.syncReply) {
      const answer = wire.encoder();
      encoding.writeVarUint(answer, WireMessage.sync);
      const step = syncProtocol.readSyncMessage(decoder, answer, doc, remote);
      if (encoding.length(answer) > wire.addressLength + 1) {
        socket.send(encoding.toUint8Array(answer));
      }
      if (step === syncProtocol.messageYjsSyncStep2) markSynced();
    } else if (type === WireMessage.auth) {
      const kind = decoding.readVarUint(decoder);
      const denied =
        spec.protocol === 'hocuspocus'
          ? kind === HocuspocusAuth.permissionDenied
          : kind === YWebsocketPermissionDenied;
      if (denied) fail(new Error(`permission denied: ${decoding.readVarString(decoder)}`));
    }
  });

  socket.on('close', (code, reason) => {
    fail(new Error(`connection closed with ${code} ${reason.toString()} before it synced`));
  });
  socket.on('error', (error) => fail(new Error(`connection failed: ${error.message}`)));

  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin === remote) return;
    send((encoder) => {
      encoding.writeVarUint(encoder, WireMessage.sync);
      syncProtocol.writeUpdate(encoder, update);
    });
  });

  return {
    doc,
    synced,
    destroy: () => {
      socket.close();
      doc.destroy();
    },
  };
}
