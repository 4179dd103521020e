import { roleCanWrite } from '@specboard/doc/doc-names';
import type { SyncTokenClaims } from '@specboard/doc/sync-token';
import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import type { Metrics } from './metrics.ts';
import { TokenBucket } from './rate-limit.ts';

/** A client whose send buffer grows past this is too slow to keep up and is disconnected. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

/** One authenticated websocket connection to one document. */
export class Connection {
  readonly id: string;
  readonly claims: SyncTokenClaims;
  readonly canWrite: boolean;
  readonly logger: Logger;
  /** Awareness client ids this connection has announced; removed for everyone when it closes. */
  readonly awarenessClients = new Set<number>();
  readonly #socket: WebSocket;
  readonly #bucket: TokenBucket;
  readonly #metrics: Metrics;
  #lastDenialAt = 0;

  constructor(options: {
    id: string;
    socket: WebSocket;
    claims: SyncTokenClaims;
    logger: Logger;
    metrics: Metrics;
    rateLimit: { perSecond: number; burst: number };
  }) {
    this.id = options.id;
    this.#socket = options.socket;
    this.claims = options.claims;
    this.canWrite = roleCanWrite(options.claims.role);
    this.logger = options.logger;
    this.#metrics = options.metrics;
    this.#bucket = new TokenBucket(options.rateLimit);
  }

  get isOpen(): boolean {
    return this.#socket.readyState === this.#socket.OPEN;
  }

  send(frame: Uint8Array): void {
    if (!this.isOpen) return;
    if (this.#socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.close(1013, 'client too slow to keep up');
      return;
    }
    this.#socket.send(frame);
    this.#metrics.messagesOut.inc();
  }

  close(code: number, reason: string): void {
    if (this.#socket.readyState >= this.#socket.CLOSING) return;
    this.logger.info({ code, reason }, 'closing connection');
    this.#metrics.connectionsRefused.inc({ code: String(code) });
    this.#socket.close(code, reason);
  }

  /** Counts one incoming frame against the rate limit; false when over it. */
  withinRateLimit(): boolean {
    return this.#bucket.take();
  }

  /** Whether to answer a dropped read-only update with permission-denied (at most once a second). */
  shouldExplainDenial(): boolean {
    const now = Date.now();
    if (now - this.#lastDenialAt < 1_000) return false;
    this.#lastDenialAt = now;
    return true;
  }
}
