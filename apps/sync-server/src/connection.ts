import { CloseCode } from '@specboard/doc/close-codes';
import { connectionCanWrite } from '@specboard/doc/doc-names';
import type { SyncTokenClaims } from '@specboard/doc/sync-token';
import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import type { Authentication } from './authenticate.ts';
import type { Metrics } from './metrics.ts';
import { TokenBucket } from './rate-limit.ts';

/** A client whose send buffer grows past this is too slow to keep up and is disconnected. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;
/**
 * How long a closed connection may take to answer the close frame before its socket is cut.
 * Nothing it sends meanwhile is read (ws would otherwise keep emitting frames for 30 s).
 */
const CLOSE_GRACE_MS = 250;
/** setTimeout's largest delay; a later expiry is re-armed in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface ConnectionLimits {
  messages: { perSecond: number; burst: number };
  bytes: { perSecond: number; burst: number };
}

/** One authenticated websocket connection to one document. */
export class Connection {
  readonly id: string;
  readonly canWrite: boolean;
  readonly logger: Logger;
  /** Awareness client ids this connection owns; removed for everyone when it closes. */
  readonly awarenessClients = new Set<number>();
  readonly #socket: WebSocket;
  readonly #messages: TokenBucket;
  readonly #bytes: TokenBucket;
  readonly #metrics: Metrics;
  readonly #verify: (token: string) => Promise<Authentication>;
  #claims: SyncTokenClaims;
  #lastDenialAt = 0;
  #expiryTimer: NodeJS.Timeout | undefined;
  #cutTimer: NodeJS.Timeout | undefined;

  constructor(options: {
    id: string;
    socket: WebSocket;
    claims: SyncTokenClaims;
    /** Judges a renewal token for this connection's document (authenticate.ts). */
    verify: (token: string) => Promise<Authentication>;
    logger: Logger;
    metrics: Metrics;
    limits: ConnectionLimits;
  }) {
    this.id = options.id;
    this.#socket = options.socket;
    this.#claims = options.claims;
    this.#verify = options.verify;
    this.canWrite = connectionCanWrite(options.claims.doc, options.claims.role);
    this.logger = options.logger;
    this.#metrics = options.metrics;
    this.#messages = new TokenBucket(options.limits.messages);
    this.#bytes = new TokenBucket(options.limits.bytes);
    this.#socket.once('close', () => {
      clearTimeout(this.#expiryTimer);
      clearTimeout(this.#cutTimer);
    });
    this.#armExpiry();
  }

  /** The claims of the token in force (the first one, or the latest renewal). */
  get claims(): SyncTokenClaims {
    return this.#claims;
  }

  get isOpen(): boolean {
    return this.#socket.readyState === this.#socket.OPEN;
  }

  send(frame: Uint8Array): void {
    if (!this.isOpen) return;
    if (this.#socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.close(CloseCode.tryAgainLater, 'client too slow to keep up');
      return;
    }
    this.#socket.send(frame);
    this.#metrics.messagesOut.inc();
  }

  /**
   * Sends the close frame (so the client learns why), stops reading the socket at once, and cuts
   * it CLOSE_GRACE_MS later: a peer that never answers the close cannot keep the server reading,
   * parsing or holding its frames.
   */
  close(code: number, reason: string): void {
    if (this.#socket.readyState >= this.#socket.CLOSING) return;
    this.logger.info({ code, reason }, 'closing connection');
    this.#metrics.connectionsRefused.inc({ code: String(code) });
    this.#socket.close(code, reason);
    this.#socket.pause();
    this.#cutTimer = setTimeout(() => this.#socket.terminate(), CLOSE_GRACE_MS);
  }

  /** Counts one incoming frame against the message and byte limits; false when over either. */
  withinRateLimit(bytes: number): boolean {
    return this.#messages.take() && this.#bytes.take(bytes);
  }

  /** Whether to answer a dropped read-only update with permission-denied (at most once a second). */
  shouldExplainDenial(): boolean {
    const now = Date.now();
    if (now - this.#lastDenialAt < 1_000) return false;
    this.#lastDenialAt = now;
    return true;
  }

  /**
   * Replaces the token in force by a fresh one sent over the socket. A token for another person
   * or role is not a renewal: the client must reconnect (4409) so everything is re-judged.
   */
  async renew(token: string): Promise<void> {
    const auth = await this.#verify(token);
    if (!this.isOpen) return;
    if (!auth.ok) {
      this.close(auth.code, auth.reason);
      return;
    }
    if (auth.claims.sub !== this.#claims.sub || auth.claims.role !== this.#claims.role) {
      this.close(CloseCode.revoked, 'the renewed token grants different access: reconnect');
      return;
    }
    this.#claims = auth.claims;
    clearTimeout(this.#expiryTimer);
    this.#armExpiry();
  }

  /** Closes with 4401 the moment the token's `exp` passes. */
  #armExpiry(): void {
    const left = this.claims.exp * 1000 - Date.now();
    if (left <= 0) {
      this.close(CloseCode.unauthenticated, 'token expired');
      return;
    }
    this.#expiryTimer = setTimeout(() => this.#armExpiry(), Math.min(left, MAX_TIMER_MS));
  }
}
