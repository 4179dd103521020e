import { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import type { CollabUser } from '../editor/collab-session.ts';
import {
  requestSyncToken,
  type SyncTokenResponse,
  TokenKeeper,
} from '../editor/sync-token-client.ts';
import { BoardPeers } from './board-peers.ts';

export interface BoardSessionOptions {
  /** The page's board document: it exists before the websocket (so the server render can use it). */
  doc: Y.Doc;
  syncUrl: string;
  orgId: string;
  projectId: string;
  docName: string;
  token: SyncTokenResponse;
  user: CollabUser;
}

/**
 * The board document `board:<projectId>` over the official y-websocket client: moves are map
 * writes that every viewer receives live. Awareness carries `{user, dragging?}`.
 */
export class BoardSession {
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  /** Who is on the board and what each is dragging. */
  readonly peers: BoardPeers;
  readonly #tokens: TokenKeeper;

  constructor(options: BoardSessionOptions) {
    this.doc = options.doc;
    this.provider = new WebsocketProvider(`${options.syncUrl}/collab`, options.docName, this.doc, {
      params: { token: options.token.token },
    });
    this.peers = new BoardPeers(this.provider.awareness);
    this.provider.awareness.setLocalStateField('user', options.user);
    this.#tokens = new TokenKeeper({
      provider: this.provider,
      token: options.token,
      fetchToken: () =>
        requestSyncToken(`/orgs/${options.orgId}/projects/${options.projectId}/board/sync-token`),
    });
  }

  /** Tells the others which card this person is dragging (null when they let go). */
  setDragging(taskId: string | null): void {
    this.provider.awareness.setLocalStateField('dragging', taskId);
  }

  /** Closes the websocket; the document belongs to the page and outlives the session. */
  destroy(): void {
    this.#tokens.stop();
    this.provider.destroy();
  }
}
