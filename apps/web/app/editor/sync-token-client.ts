import { CloseCode } from '@specboard/doc/close-codes';
import type { WebsocketProvider } from 'y-websocket';
import { z } from 'zod';

export const syncTokenResponseSchema = z.object({
  token: z.string().min(1),
  /** Unix seconds. */
  expiresAt: z.number().int(),
});

export type SyncTokenResponse = z.infer<typeof syncTokenResponseSchema>;

/**
 * The web app refused a token: signed out (401), no access any more (403), or the document or
 * organisation is no longer visible to this person (404: removed from the organisation, or the
 * document deleted), which retrying cannot cure.
 */
export class SyncTokenRefused extends Error {
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

/** POSTs to a sync-token route; it re-checks membership and role every time. */
export async function requestSyncToken(path: string): Promise<SyncTokenResponse> {
  const response = await fetch(path, { method: 'POST', credentials: 'same-origin' });
  if (response.status === 401 || response.status === 403 || response.status === 404) {
    throw new SyncTokenRefused(response.status, `sync token refused with HTTP ${response.status}`);
  }
  if (!response.ok) throw new Error(`sync token request failed with HTTP ${response.status}`);
  return syncTokenResponseSchema.parse(await response.json());
}

/** Asks the web app for a fresh token for a document. */
export function fetchSyncToken(orgId: string, documentId: string): Promise<SyncTokenResponse> {
  return requestSyncToken(`/orgs/${orgId}/documents/${documentId}/sync-token`);
}

/** Renew this long before expiry, so the server never sees the token in force expire. */
const REFRESH_MARGIN_MS = 60_000;
/** Retry delay when the web app cannot be reached, and the window for forced refreshes. */
const RETRY_MS = 30_000;
/**
 * The sync server refuses a bad token during the upgrade (HTTP 401/403/429), which a browser
 * reports only as a failed connection (1006). After this many failures in a row a fresh token is
 * fetched — the web app's answer then says whether access is still there.
 */
const FAILED_OPENS_BEFORE_REFRESH = 3;

export interface TokenKeeperOptions {
  provider: WebsocketProvider;
  token: SyncTokenResponse;
  fetchToken: () => Promise<SyncTokenResponse>;
  /** Access is gone (the web app refused a token, or a close a new token cannot cure). */
  onRefused?: (code: number, reason: string) => void;
}

/**
 * Keeps a provider's token fresh for as long as the page is open: renews it before expiry and
 * hands it to the open socket (Specboard's auth sub-message 1, so no reconnect) and to the next
 * connection; fetches one when connections keep failing; reconnects after 4401/4409.
 */
export class TokenKeeper {
  readonly #options: TokenKeeperOptions;
  #expiresAt: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #inFlight: Promise<boolean> | null = null;
  #opened = false;
  #failedOpens = 0;
  #lastForced = 0;
  #stopped = false;

  constructor(options: TokenKeeperOptions) {
    this.#options = options;
    this.#expiresAt = options.token.expiresAt;
    this.#schedule();
    options.provider.on('status', this.#onStatus);
    options.provider.on('connection-close', this.#onClose);
    options.provider.on('closed', this.#onClosed);
  }

  /** Whether the token in hand has more than a few seconds left. */
  get fresh(): boolean {
    return this.#expiresAt * 1000 - Date.now() > 5_000;
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#options.provider.off('status', this.#onStatus);
    this.#options.provider.off('connection-close', this.#onClose);
    this.#options.provider.off('closed', this.#onClosed);
  }

  /** Fetches a fresh token (one request at a time); false when none could be had. */
  refresh(): Promise<boolean> {
    this.#inFlight ??= this.#fetchAndApply().finally(() => {
      this.#inFlight = null;
    });
    return this.#inFlight;
  }

  async #fetchAndApply(): Promise<boolean> {
    const { provider } = this.#options;
    if (this.#stopped) return false;
    try {
      const next = await this.#options.fetchToken();
      if (this.#stopped) return false;
      this.#expiresAt = next.expiresAt;
      provider.params = { token: next.token };
      const socket = provider.ws;
      if (provider.wsconnected && socket?.readyState === WebSocket.OPEN) {
        socket.send(encodeTokenRenewal(next.token));
      }
      this.#schedule();
      return true;
    } catch (error) {
      if (error instanceof SyncTokenRefused) {
        provider.disconnect();
        const code = error.status === 401 ? CloseCode.unauthenticated : CloseCode.forbidden;
        this.#options.onRefused?.(code, error.message);
        return false;
      }
      // Offline or the web app is unreachable: try again soon.
      this.#schedule(RETRY_MS);
      return false;
    }
  }

  #schedule(delay = Math.max(5_000, this.#expiresAt * 1000 - Date.now() - REFRESH_MARGIN_MS)) {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.refresh(), delay);
  }

  #onStatus = ({ status }: { status: 'connected' | 'connecting' | 'disconnected' }): void => {
    if (status !== 'connected') return;
    this.#opened = true;
    this.#failedOpens = 0;
  };

  #onClose = (): void => {
    if (this.#opened) {
      this.#opened = false;
      return;
    }
    this.#failedOpens++;
    const now = Date.now();
    const stuck =
      this.#failedOpens >= FAILED_OPENS_BEFORE_REFRESH && now - this.#lastForced > RETRY_MS;
    if (!this.fresh || stuck) {
      this.#lastForced = now;
      void this.refresh();
    }
  };

  /** 4401 (token expired while connected) and 4409 (access changed) are cured by a new token. */
  #onClosed = ({ code, reason }: { code: number; reason: string }): void => {
    if (code !== CloseCode.unauthenticated && code !== CloseCode.revoked) return;
    const now = Date.now();
    if (now - this.#lastForced < RETRY_MS) {
      this.#options.onRefused?.(code, reason);
      return;
    }
    this.#lastForced = now;
    void this.refresh().then((renewed) => {
      if (renewed) this.#options.provider.connect();
    });
  };
}

/** `[messageAuth=2, renewToken=1, varString token]`: see apps/sync-server/src/protocol.ts. */
export function encodeTokenRenewal(token: string): Uint8Array<ArrayBuffer> {
  const text = new TextEncoder().encode(token);
  return new Uint8Array([2, 1, ...varUint(text.length), ...text]);
}

function varUint(value: number): number[] {
  const bytes: number[] = [];
  let rest = value;
  while (rest > 0x7f) {
    bytes.push(0x80 | (rest & 0x7f));
    rest = Math.floor(rest / 128);
  }
  bytes.push(rest);
  return bytes;
}
