import { CloseCode } from '@specboard/doc/close-codes';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { postDocumentEdit, reportLocalEdits } from './edit-reporter.ts';
import { deleteLocalCopy, localCopyName } from './local-copies.ts';
import { fetchSyncToken, type SyncTokenResponse, TokenKeeper } from './sync-token-client.ts';

export type ConnectionState =
  | { kind: 'connecting' }
  | { kind: 'connected'; synced: boolean }
  | { kind: 'reconnecting'; lastCloseCode: number | undefined }
  | { kind: 'offline' }
  | { kind: 'refused'; code: number; reason: string };

export interface CollabUser {
  id: string;
  name: string;
  color: string;
}

export interface CollabSessionOptions {
  syncUrl: string;
  orgId: string;
  documentId: string;
  docName: string;
  token: SyncTokenResponse;
  user: CollabUser;
  /** Viewers and commenters: their edits are never reported (the server refuses them anyway). */
  readOnly?: boolean;
  /** The sync server closed with 4409: the person's role changed, so the page should reload its data. */
  onAccessChanged?: () => void;
}

/** Closes a fresh token can cure (the TokenKeeper reconnects, or reports a refusal). */
const TOKEN_CLOSES: ReadonlySet<number> = new Set([CloseCode.unauthenticated, CloseCode.revoked]);

/**
 * One open document: the Y.Doc, the person's IndexedDB copy (edits survive reloads and offline
 * spells; deleted when access is revoked or refused) and the y-websocket connection, with a
 * connection state the UI can subscribe to.
 */
export class CollabSession {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly local: IndexeddbPersistence;
  readonly #options: CollabSessionOptions;
  readonly #listeners = new Set<() => void>();
  #state: ConnectionState = { kind: 'connecting' };
  #everConnected = false;
  #lastCloseCode: number | undefined;
  readonly #tokens: TokenKeeper;
  #stopReporting: (() => void) | undefined;
  #localCopyDeleted = false;

  constructor(options: CollabSessionOptions) {
    this.#options = options;
    this.local = new IndexeddbPersistence(
      localCopyName(options.user.id, options.docName),
      this.doc,
    );
    this.provider = new WebsocketProvider(`${options.syncUrl}/collab`, options.docName, this.doc, {
      params: { token: options.token.token },
      connect: navigator.onLine,
    });
    this.provider.on('status', ({ status }) => this.#onStatus(status));
    this.provider.on('sync', (synced: boolean) => {
      if (this.provider.wsconnected) this.#set({ kind: 'connected', synced });
    });
    this.provider.on('connection-close', (event) => {
      this.#lastCloseCode = event?.code;
    });
    this.provider.on('closed', ({ code, reason }) => this.#onRefused(code, reason));
    this.#tokens = new TokenKeeper({
      provider: this.provider,
      token: options.token,
      fetchToken: () => fetchSyncToken(options.orgId, options.documentId),
      onRefused: (code, reason) => {
        if (code === CloseCode.forbidden || code === CloseCode.revoked) this.#deleteLocalCopy();
        this.#set({ kind: 'refused', code, reason });
      },
    });
    window.addEventListener('offline', this.#goOffline);
    window.addEventListener('online', this.#goOnline);
    if (!navigator.onLine) this.#set({ kind: 'offline' });
    if (!options.readOnly) {
      this.#stopReporting = reportLocalEdits(this.doc, {
        foreignOrigins: [this.provider, this.local],
        report: () => postDocumentEdit(options.orgId, options.documentId),
      });
    }
  }

  getState = (): ConnectionState => this.#state;

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  destroy(): void {
    this.#tokens.stop();
    this.#stopReporting?.();
    window.removeEventListener('offline', this.#goOffline);
    window.removeEventListener('online', this.#goOnline);
    this.provider.destroy();
    void this.local.destroy();
    this.doc.destroy();
  }

  #set(state: ConnectionState): void {
    this.#state = state;
    for (const listener of this.#listeners) listener();
  }

  #onStatus(status: 'connected' | 'connecting' | 'disconnected'): void {
    if (status === 'connected') {
      this.#everConnected = true;
      this.#set({ kind: 'connected', synced: this.provider.synced });
    } else if (!navigator.onLine) {
      this.#set({ kind: 'offline' });
    } else if (this.#state.kind !== 'refused') {
      this.#set(
        this.#everConnected
          ? { kind: 'reconnecting', lastCloseCode: this.#lastCloseCode }
          : { kind: 'connecting' },
      );
    }
  }

  #onRefused(code: number, reason: string): void {
    if (code === CloseCode.revoked) {
      this.#deleteLocalCopy();
      this.#options.onAccessChanged?.();
    }
    if (TOKEN_CLOSES.has(code)) return;
    this.#set({ kind: 'refused', code, reason });
  }

  /**
   * Access was revoked (4409) or the web app refused a token (403/404: removed from the document or
   * the organisation): the copy on this browser must not outlive it. The session goes on in
   * memory; a reload with access fetches the document again.
   */
  #deleteLocalCopy(): void {
    if (this.#localCopyDeleted) return;
    this.#localCopyDeleted = true;
    // A failed deletion is retried by the next sign-out, which deletes all of the person's copies.
    void this.local
      .destroy()
      .then(() => deleteLocalCopy(this.local.name))
      .catch(() => undefined);
  }

  #goOffline = (): void => {
    this.provider.disconnect();
    this.#set({ kind: 'offline' });
  };

  #goOnline = (): void => {
    this.#set({ kind: 'reconnecting', lastCloseCode: undefined });
    this.provider.connect();
  };
}
