import { randomBytes } from 'node:crypto';
import { type Db, newId } from '@specboard/db';
import { loadDocState } from '@specboard/db/doc-log';
import { createTestDatabase, type TestDatabase } from '@specboard/db/testing';
import { type SyncTokenClaims, signSyncToken } from '@specboard/doc/sync-token';
import { pino } from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { createSyncServer, type SyncServer } from '../app.ts';
import { parseEnv } from '../env.ts';

export const testSecret = randomBytes(32).toString('hex');
export const testInternalSecret = randomBytes(32).toString('base64');

export interface RunningServer {
  server: SyncServer;
  /** `ws://host:port/collab`, the base the official client expects. */
  collabUrl: string;
  /** `http://host:port` of the operations listener (/metrics, /internal/*). */
  internalUrl: string;
  port: number;
}

/** Starts a real sync server on a free port over `databaseUrl`. */
export async function startServer(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<RunningServer> {
  const parsed = parseEnv({
    NODE_ENV: 'test',
    PORT: '0',
    INTERNAL_PORT: '0',
    SYNC_TOKEN_SECRET: testSecret,
    SYNC_INTERNAL_SECRET: testInternalSecret,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
    SYNC_CATCH_UP_MS: '500',
    ...env,
  });
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  const server = await createSyncServer({
    env: parsed.env,
    databaseUrl,
    logger: pino({ level: parsed.env.logLevel }),
  });
  const { url, port, internalUrl } = await server.listen();
  return { server, collabUrl: `${url}/collab`, internalUrl, port };
}

export const newDocName = (): string => `doc:${newId()}`;

const orgs = new Map<string, string>();

/**
 * The organisation a test document belongs to: one per doc name, so every token for it carries
 * the same `org` claim, as the web app's do, and tests read its rows in that scope.
 */
export function orgOf(docName: string): string {
  let orgId = orgs.get(docName);
  if (!orgId) {
    orgId = newId();
    orgs.set(docName, orgId);
  }
  return orgId;
}

export async function tokenFor(
  docName: string,
  claims: Partial<Omit<SyncTokenClaims, 'exp'>> = {},
  ttlSeconds = 600,
): Promise<string> {
  return signSyncToken(
    {
      sub: claims.sub ?? newId(),
      doc: claims.doc ?? docName,
      role: claims.role ?? 'editor',
      org: claims.org ?? orgOf(docName),
      name: claims.name ?? 'Test User',
    },
    testSecret,
    ttlSeconds,
  );
}

export interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  text: Y.Text;
  synced: Promise<void>;
  /** Resolves with the close code once the server closes the connection. */
  closed: Promise<{ code: number; reason: string }>;
  destroy(): void;
}

/** The official y-websocket client, as a browser would use it. */
export function connect(
  collabUrl: string,
  docName: string,
  token: string,
  options: { connect?: boolean } = {},
): Client {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(collabUrl, docName, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    connect: options.connect ?? true,
  });
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    provider.on('sync', (isSynced: boolean) => {
      if (isSynced) resolve();
    });
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    provider.on('connection-close', (event) => {
      if (event) resolve({ code: event.code, reason: event.reason });
    });
  });
  return {
    doc,
    provider,
    text: doc.getText('t'),
    synced,
    closed,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/**
 * Polls until `check` is true. `timeoutMs` is only a safety net against a hang: it is generous
 * because a loaded CI machine can be many times slower than a laptop; never a way to wait.
 */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Waits until the server's copy of `docName` holds every insertion `doc` has made. Deletions
 * move no Yjs clock, so compare text when they matter.
 */
export async function serverHoldsInsertsOf(
  server: SyncServer,
  docName: string,
  doc: Y.Doc,
  timeoutMs = 60_000,
): Promise<void> {
  const clock = Y.getState(doc.store, doc.clientID);
  await eventually(
    () => {
      const shared = server.registry.get(docName);
      return shared !== undefined && Y.getState(shared.doc.store, doc.clientID) >= clock;
    },
    timeoutMs,
    'the server to receive the edits',
  );
}

/**
 * Waits until `docName` is unloaded: every connection to it closed (as the server saw it) and
 * its final flush done. Compaction on unload may still be running; `server.close()` awaits it.
 */
export async function unloaded(
  server: SyncServer,
  docName: string,
  timeoutMs = 60_000,
): Promise<void> {
  await eventually(() => server.registry.get(docName) === undefined, timeoutMs, 'unload');
  await server.registry.settled();
}

/** The document as Postgres holds it (snapshot and log rows, decoded), no server involved. */
export async function storedDoc(db: Db, docName: string): Promise<Y.Doc> {
  const state = await loadDocState(db, orgOf(docName), docName);
  const doc = new Y.Doc();
  if (state.snapshot) Y.applyUpdateV2(doc, state.snapshot);
  for (const row of state.updates) Y.applyUpdate(doc, row.update);
  return doc;
}

/** A raw websocket to the server, for frames the official client would never send. */
export function rawSocket(collabUrl: string, docName: string, token: string) {
  const socket = new WebSocket(`${collabUrl}/${docName}?token=${encodeURIComponent(token)}`);
  const messages: Uint8Array[] = [];
  socket.binaryType = 'nodebuffer';
  socket.on('message', (data: Buffer) => messages.push(new Uint8Array(data)));
  const opened = new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  return { socket, messages, opened, closed };
}

/**
 * Tries an upgrade that the server should refuse before any websocket exists; resolves with the
 * HTTP status and body, or rejects if a websocket was opened after all.
 */
export function refusedUpgrade(
  collabUrl: string,
  docName: string,
  token: string,
): Promise<{ status: number; body: string }> {
  const socket = new WebSocket(`${collabUrl}/${docName}?token=${encodeURIComponent(token)}`);
  return new Promise((resolve, reject) => {
    socket.once('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      response.on('error', reject);
    });
    socket.once('open', () => {
      socket.terminate();
      reject(new Error('the server opened a websocket it should have refused'));
    });
    socket.once('error', () => undefined);
  });
}

export interface ServerPerFile {
  database: TestDatabase;
  running: RunningServer;
}

/** A fresh database and a running server for one test file, stopped and dropped after it. */
export function serverPerFile(env: Record<string, string> = {}): ServerPerFile {
  const context = {} as ServerPerFile;
  beforeAll(async () => {
    context.database = await createTestDatabase();
    context.running = await startServer(context.database.url, env);
  });
  afterAll(async () => {
    const started = Date.now();
    await context.running.server.close();
    const closedMs = Date.now() - started;
    if (closedMs > 5_000) process.stderr.write(`sync server took ${closedMs} ms to close\n`);
    await context.database.drop();
  });
  return context;
}
