import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { RawData, WebSocket } from 'ws';
import { authenticate } from './authenticate.ts';
import { Connection } from './connection.ts';
import type { DocRegistry } from './doc-registry.ts';
import type { Env } from './env.ts';
import type { Metrics } from './metrics.ts';
import { MalformedMessage } from './protocol.ts';
import type { Revocations } from './revocations.ts';
import type { SharedDoc } from './shared-doc.ts';

/** Frames buffered per connection while authenticating and loading. */
const MAX_EARLY_FRAMES = 1_000;

export interface CollabDeps {
  env: Env;
  registry: DocRegistry;
  metrics: Metrics;
  logger: Logger;
  revocations: Revocations;
  /** False once shutdown has begun: new connections are turned away with 1012. */
  accepting: () => boolean;
}

/**
 * One websocket connection's life (ARCHITECTURE.md §4): frames are buffered from the first
 * moment; the token is checked before any load; the document is loaded (or joined), greeted, and
 * the buffered frames applied in order. Any failure closes this connection only.
 */
export function handleCollabConnection(
  deps: CollabDeps,
  socket: WebSocket,
  docName: string,
  token: string | undefined,
): void {
  const connectionId = randomUUID();
  const logger = deps.logger.child({ connectionId, docName });
  const early: Uint8Array[] = [];
  let doc: SharedDoc | null = null;
  let connection: Connection | null = null;
  let closed = false;
  deps.metrics.connections.inc();

  const refuse = (code: number, reason: string) => {
    logger.info({ code, reason }, 'refusing connection');
    deps.metrics.connectionsRefused.inc({ code: String(code) });
    if (socket.readyState < socket.CLOSING) socket.close(code, reason);
  };

  const handle = (frame: Uint8Array) => {
    if (!doc || !connection) return;
    if (!connection.withinRateLimit()) {
      connection.close(4529, 'message rate limit exceeded');
      return;
    }
    try {
      doc.receive(connection, frame);
    } catch (error) {
      if (!(error instanceof MalformedMessage)) throw error;
      logger.warn({ err: error.message }, 'malformed frame');
      connection.close(4400, error.message.slice(0, 120));
    }
  };

  socket.on('message', (data: RawData, isBinary: boolean) => {
    if (!isBinary) {
      refuse(1003, 'binary frames only');
      return;
    }
    const frame = toBytes(data);
    if (doc && connection) {
      handle(frame);
    } else if (early.length >= MAX_EARLY_FRAMES) {
      refuse(1013, 'too many messages before the document was ready');
    } else {
      early.push(frame);
    }
  });

  socket.on('close', () => {
    closed = true;
    deps.metrics.connections.dec();
    if (doc && connection) {
      doc.removeConnection(connection);
      deps.registry.releaseIfIdle(doc);
    }
  });
  socket.on('error', (error) => logger.warn({ err: error }, 'socket error'));

  void (async () => {
    if (!deps.accepting()) return refuse(1012, 'server is restarting');
    const auth = await authenticate(docName, token, deps.env.tokenSecret, deps.revocations);
    if (!auth.ok) return refuse(auth.code, auth.reason);
    if (closed) return;
    let loaded: SharedDoc;
    try {
      loaded = await deps.registry.acquire(docName);
    } catch {
      return refuse(1011, 'the document could not be loaded');
    }
    if (closed) return deps.registry.releaseIfIdle(loaded);
    if (loaded.connections.size >= deps.env.maxConnectionsPerDoc) {
      refuse(4503, 'too many connections to this document');
      return deps.registry.releaseIfIdle(loaded);
    }
    connection = new Connection({
      id: connectionId,
      socket,
      claims: auth.claims,
      logger,
      metrics: deps.metrics,
      rateLimit: deps.env.rateLimit,
    });
    doc = loaded;
    loaded.addConnection(connection);
    logger.debug({ userId: auth.claims.sub, role: auth.claims.role }, 'connected');
    for (const frame of early.splice(0)) handle(frame);
  })().catch((error: unknown) => {
    logger.error({ err: error }, 'connection failed');
    refuse(1011, 'internal error');
  });
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
