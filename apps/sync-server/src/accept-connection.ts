import { randomUUID } from 'node:crypto';
import { CloseCode } from '@specboard/doc/close-codes';
import type { SyncTokenClaims } from '@specboard/doc/sync-token';
import type { Logger } from 'pino';
import type { RawData, WebSocket } from 'ws';
import { authenticate } from './authenticate.ts';
import { Connection, type ConnectionLimits } from './connection.ts';
import type { DocRegistry } from './doc-registry.ts';
import type { Metrics } from './metrics.ts';
import type { Revocations } from './revocations.ts';
import type { SharedDoc } from './shared-doc.ts';

/** Frames buffered per connection while its document loads (count and total bytes). */
const MAX_EARLY_FRAMES = 1_000;
const MIN_EARLY_BYTES = 8 * 1024 * 1024;

export interface AcceptDeps {
  registry: DocRegistry;
  metrics: Metrics;
  logger: Logger;
  limits: ConnectionLimits;
  maxMessageBytes: number;
  maxConnectionsPerDoc: number;
  tokenSecret: string;
  revocations: Pick<Revocations, 'refusal'>;
  /** False once shutdown has begun: new connections are turned away. */
  accepting: () => boolean;
}

/**
 * One authenticated websocket's life (ARCHITECTURE.md §4): the token was checked during the
 * upgrade. Frames are rate-limited from the first one and buffered (bounded) while the document
 * loads; then the connection is greeted and the buffer applied in order. Once a close has begun,
 * nothing more is read. Any failure closes this connection only.
 */
export function acceptConnection(
  deps: AcceptDeps,
  socket: WebSocket,
  docName: string,
  claims: SyncTokenClaims,
): void {
  const id = randomUUID();
  const logger = deps.logger.child({ connectionId: id, docName });
  const connection = new Connection({
    id,
    socket,
    claims,
    verify: (token) => authenticate(docName, token, deps.tokenSecret, deps.revocations),
    logger,
    metrics: deps.metrics,
    limits: deps.limits,
  });
  const maxEarlyBytes = Math.max(MIN_EARLY_BYTES, 2 * deps.maxMessageBytes);
  const early: Uint8Array[] = [];
  let earlyBytes = 0;
  let doc: SharedDoc | null = null;
  let closed = false;
  deps.metrics.connections.inc();

  socket.on('message', (data: RawData, isBinary: boolean) => {
    if (!connection.isOpen) return;
    if (!isBinary) return connection.close(CloseCode.unsupportedData, 'binary frames only');
    const frame = toBytes(data);
    if (!connection.withinRateLimit(frame.length)) {
      return connection.close(CloseCode.rateLimited, 'rate limit exceeded');
    }
    if (doc) return doc.receive(connection, frame);
    earlyBytes += frame.length;
    if (early.length >= MAX_EARLY_FRAMES || earlyBytes > maxEarlyBytes) {
      return connection.close(
        CloseCode.tryAgainLater,
        'too much sent before the document was ready',
      );
    }
    early.push(frame);
  });

  socket.on('close', () => {
    closed = true;
    early.length = 0;
    deps.metrics.connections.dec();
    if (doc) {
      doc.removeConnection(connection);
      deps.registry.releaseIfIdle(doc);
    }
  });
  socket.on('error', (error) => logger.warn({ err: error }, 'socket error'));

  void (async () => {
    if (!deps.accepting())
      return connection.close(CloseCode.serviceRestart, 'server is restarting');
    let loaded: SharedDoc;
    try {
      loaded = await deps.registry.acquire(docName, connection.claims.org);
    } catch {
      return connection.close(CloseCode.internalError, 'the document could not be loaded');
    }
    if (closed || !connection.isOpen) return deps.registry.releaseIfIdle(loaded);
    if (loaded.connections.size >= deps.maxConnectionsPerDoc) {
      connection.close(CloseCode.documentFull, 'too many connections to this document');
      return deps.registry.releaseIfIdle(loaded);
    }
    doc = loaded;
    loaded.addConnection(connection);
    logger.debug({ userId: claims.sub, role: claims.role }, 'connected');
    for (const frame of early.splice(0)) {
      if (!connection.isOpen) break;
      loaded.receive(connection, frame);
    }
    earlyBytes = 0;
  })().catch((error: unknown) => {
    logger.error({ err: error }, 'connection failed');
    connection.close(CloseCode.internalError, 'internal error');
  });
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
