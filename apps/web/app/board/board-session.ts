import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { CollabUser } from '../editor/collab-session.ts';
import { type SyncTokenResponse, syncTokenResponseSchema } from '../editor/sync-token-client.ts';

export interface BoardSessionOptions {
  syncUrl: string;
  orgId: string;
  projectId: string;
  docName: string;
  token: SyncTokenResponse;
  user: CollabUser;
}

/** Refresh this long before expiry so a reconnect never presents an expired token. */
const REFRESH_MARGIN_MS = 60_000;

async function fetchBoardToken(orgId: string, projectId: string): Promise<SyncTokenResponse> {
  const response = await fetch(`/orgs/${orgId}/projects/${projectId}/board/sync-token`, {
    method: 'POST',
    credentials: 'same-origin',
  });
  if (!response.ok) throw new Error(`board token refused with HTTP ${response.status}`);
  return syncTokenResponseSchema.parse(await response.json());
}

/**
 * The board document `board:<projectId>` over the official y-websocket client: moves are map
 * writes that every viewer receives live. Awareness carries `{user, dragging?}`.
 */
export class BoardSession {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly #options: BoardSessionOptions;
  #refreshTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: BoardSessionOptions) {
    this.#options = options;
    this.provider = new WebsocketProvider(`${options.syncUrl}/collab`, options.docName, this.doc, {
      params: { token: options.token.token },
    });
    this.provider.awareness.setLocalStateField('user', options.user);
    this.#scheduleRefresh(options.token.expiresAt);
  }

  /** Tells the others which card this person is dragging (null when they let go). */
  setDragging(taskId: string | null): void {
    this.provider.awareness.setLocalStateField('dragging', taskId);
  }

  destroy(): void {
    clearTimeout(this.#refreshTimer);
    this.provider.destroy();
    this.doc.destroy();
  }

  #scheduleRefresh(expiresAt: number): void {
    clearTimeout(this.#refreshTimer);
    const delay = Math.max(5_000, expiresAt * 1000 - Date.now() - REFRESH_MARGIN_MS);
    this.#refreshTimer = setTimeout(() => void this.#refresh(), delay);
  }

  async #refresh(): Promise<void> {
    try {
      const next = await fetchBoardToken(this.#options.orgId, this.#options.projectId);
      this.provider.params = { token: next.token };
      this.#scheduleRefresh(next.expiresAt);
    } catch {
      // Offline or signed out: try again in a minute; the socket stays as it is.
      this.#scheduleRefresh(Math.floor(Date.now() / 1000) + 60 + 60);
    }
  }
}
