import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { ConnectSpec } from './connect-spec.ts';

/** One connected client: its own Y.Doc behind the server's official provider. */
export interface BenchClient {
  doc: Y.Doc;
  /** Resolves when the first sync with the server has completed. */
  synced: Promise<void>;
  destroy(): void;
}

export function connectClient(spec: ConnectSpec): BenchClient {
  const doc = new Y.Doc();
  if (spec.protocol === 'y-websocket') {
    const provider = new WebsocketProvider(spec.serverUrl, spec.docName, doc, {
      params: spec.token === undefined ? {} : { token: spec.token },
      // ws implements the browser WebSocket interface the provider uses, but not its DOM typings.
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    const synced = new Promise<void>((resolve) => {
      const onSync = (isSynced: boolean) => {
        if (!isSynced) return;
        provider.off('sync', onSync);
        resolve();
      };
      provider.on('sync', onSync);
    });
    return {
      doc,
      synced,
      destroy: () => {
        provider.destroy();
        // Also stops the awareness' interval timer, which would keep the process alive.
        doc.destroy();
      },
    };
  }
  let markSynced: () => void = () => {};
  const synced = new Promise<void>((resolve) => {
    markSynced = resolve;
  });
  // One socket per client, like the y-websocket clients (a shared socket would multiplex docs).
  const socket = new HocuspocusProviderWebsocket({ url: spec.url, WebSocketPolyfill: WebSocket });
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: spec.docName,
    document: doc,
    onSynced: ({ state }) => {
      if (state) markSynced();
    },
  });
  provider.attach();
  return {
    doc,
    synced,
    destroy: () => {
      provider.destroy();
      socket.destroy();
      doc.destroy();
    },
  };
}
