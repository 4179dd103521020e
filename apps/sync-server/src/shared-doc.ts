import type { Bus, BusMessage } from '@specboard/bus';
import type { Db } from '@specboard/db';
import {
  appendDocUpdates,
  loadDocState,
  readDocUpdatesByIds,
  readDocUpdatesSettling,
  snapshotWrittenAt,
} from '@specboard/db/doc-log';
import type { Logger } from 'pino';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Compactor } from './compactor.ts';
import type { Connection } from './connection.ts';
import type { Metrics } from './metrics.ts';
import type { PresenceWriter } from './presence-writer.ts';
import {
  encodeAwarenessStates,
  encodePermissionDenied,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  isEmptyUpdate,
  MalformedMessage,
  parseClientMessage,
} from './protocol.ts';

/** Origins of changes that are already stored elsewhere: applied and relayed, never re-appended. */
const FROM_BUS = Symbol('bus');
const FROM_STORE = Symbol('store');
/** Awareness removals made by this server when a connection closes. */
const FROM_SERVER = Symbol('server');

/** Rows merged into one `doc_updates` row per flush (Y.mergeUpdates is cheap on small batches). */
const ROWS_PER_MERGE = 100;
/** Out-of-order commits settle within this window; catch-up re-reads rows that are younger. */
const SETTLE_MS = 10_000;

export interface SharedDocDeps {
  db: Db;
  bus: Bus;
  logger: Logger;
  metrics: Metrics;
  compactor: Compactor;
  presence: PresenceWriter;
  instanceId: string;
  flushMs: number;
  catchUpMs: number;
  compaction: { rows: number; bytes: number };
}

/**
 * One loaded document: its Y.Doc and awareness, the connections editing it, and its persistence
 * (micro-batched appends to `doc_updates`, bus fan-out, catch-up of missed bus messages).
 */
export class SharedDoc {
  readonly name: string;
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly connections = new Set<Connection>();
  readonly #deps: SharedDocDeps;
  #pending: Uint8Array[] = [];
  #flushTimer: NodeJS.Timeout | null = null;
  #flushChain: Promise<void> = Promise.resolve();
  #logSize = { rows: 0, bytes: 0 };
  #settledId = '0';
  #snapshotAt: Date | null = null;
  #catchUpTimer: NodeJS.Timeout | null = null;
  #catchingUp = false;
  #unsubscribe: (() => Promise<void>) | null = null;
  #closed = false;

  private constructor(name: string, deps: SharedDocDeps) {
    this.name = name;
    this.#deps = deps;
    this.awareness.setLocalState(null);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.#onUpdate(update, origin));
    this.awareness.on('update', (change: AwarenessChange, origin: unknown) =>
      this.#onAwareness(change, origin),
    );
  }

  /**
   * Subscribes to the bus first (so nothing published meanwhile is missed), then loads the
   * snapshot and every log row. On failure nothing is kept: the doc is never served or persisted.
   */
  static async load(name: string, deps: SharedDocDeps): Promise<SharedDoc> {
    const shared = new SharedDoc(name, deps);
    const early: BusMessage[] = [];
    let loaded = false;
    try {
      shared.#unsubscribe = await deps.bus.subscribe(name, (message) => {
        if (loaded) shared.#onBusMessage(message);
        else early.push(message);
      });
      const state = await loadDocState(deps.db, name);
      shared.doc.transact(() => {
        if (state.snapshot) Y.applyUpdateV2(shared.doc, state.snapshot);
        for (const row of state.updates) Y.applyUpdate(shared.doc, row.update);
      }, FROM_STORE);
      shared.#snapshotAt = state.snapshotAt;
      shared.#logSize = {
        rows: state.updates.length,
        bytes: state.updates.reduce((sum, row) => sum + row.update.length, 0),
      };
      loaded = true;
      for (const message of early) shared.#onBusMessage(message);
      shared.#catchUpTimer = setInterval(() => void shared.catchUp(), deps.catchUpMs);
      shared.#catchUpTimer.unref();
      return shared;
    } catch (error) {
      shared.#closed = true;
      await shared.#unsubscribe?.().catch(() => undefined);
      shared.#destroyMemory();
      throw error;
    }
  }

  /** Greets a new connection: sync step 1 and everyone's awareness. */
  addConnection(connection: Connection): void {
    this.connections.add(connection);
    connection.send(encodeSyncStep1(this.doc));
    const clients = [...this.awareness.getStates().keys()];
    if (clients.length > 0) connection.send(encodeAwarenessStates(this.awareness, clients));
  }

  /** Forgets a connection and tells everyone its awareness clients left. */
  removeConnection(connection: Connection): void {
    if (!this.connections.delete(connection)) return;
    const clients = [...connection.awarenessClients];
    if (clients.length > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, clients, FROM_SERVER);
    }
    this.#deps.presence.remove(connection.id);
  }

  /**
   * Handles one binary frame. Throws MalformedMessage for a frame that is not a valid y-protocols
   * message or carries an update that does not apply; the caller closes that connection only.
   */
  receive(connection: Connection, frame: Uint8Array): void {
    const message = parseClientMessage(frame);
    this.#deps.metrics.messagesIn.inc({ type: message.type });
    switch (message.type) {
      case 'syncStep1':
        connection.send(encodeSyncStep2(this.doc, message.stateVector));
        return;
      case 'syncUpdate':
        if (isEmptyUpdate(message.update)) return;
        if (!connection.canWrite) {
          this.#deps.metrics.readOnlyUpdatesDropped.inc();
          if (connection.shouldExplainDenial()) {
            connection.send(
              encodePermissionDenied(`role ${connection.claims.role} cannot edit this document`),
            );
          }
          return;
        }
        this.#applyClientUpdate(connection, message.update);
        return;
      case 'awareness':
        this.#applyClientAwareness(connection, message.update);
        return;
      case 'queryAwareness': {
        const clients = [...this.awareness.getStates().keys()];
        connection.send(encodeAwarenessStates(this.awareness, clients));
        return;
      }
      case 'auth':
        return;
    }
  }

  /** Resolves once every update received so far is in `doc_updates`. */
  flush(): Promise<void> {
    if (this.#flushTimer) {
      clearTimeout(this.#flushTimer);
      this.#flushTimer = null;
    }
    this.#flushChain = this.#flushChain.then(() => this.#flushPending());
    return this.#flushChain;
  }

  /** Applies log rows this instance has not seen (missed bus messages) and newer snapshots. */
  async catchUp(): Promise<void> {
    if (this.#catchingUp || this.#closed) return;
    this.#catchingUp = true;
    try {
      const { db } = this.#deps;
      const snapshotAt = await snapshotWrittenAt(db, this.name);
      if (snapshotAt && (!this.#snapshotAt || snapshotAt > this.#snapshotAt)) {
        const state = await loadDocState(db, this.name);
        this.#apply(() => {
          if (state.snapshot) Y.applyUpdateV2(this.doc, state.snapshot);
          for (const row of state.updates) Y.applyUpdate(this.doc, row.update);
        });
        this.#snapshotAt = state.snapshotAt;
      }
      const read = await readDocUpdatesSettling(
        db,
        this.name,
        this.#settledId,
        SETTLE_MS,
        this.#deps.instanceId,
      );
      if (read.updates.length > 0) {
        const before = Y.encodeStateVector(this.doc);
        this.#apply(() => {
          for (const row of read.updates) Y.applyUpdate(this.doc, row.update);
        });
        if (!equalBytes(before, Y.encodeStateVector(this.doc))) {
          this.#deps.metrics.catchUpRows.inc(read.updates.length);
        }
      }
      this.#settledId = read.settledId;
    } catch (error) {
      this.#deps.logger.warn({ err: error, docName: this.name }, 'catch-up failed; will retry');
    } finally {
      this.#catchingUp = false;
    }
  }

  /** Flushes, stops listening, compacts the log if it has rows, and frees memory. */
  async unload(): Promise<void> {
    this.#closed = true;
    if (this.#catchUpTimer) clearInterval(this.#catchUpTimer);
    await this.flush();
    await this.#unsubscribe?.().catch((error: unknown) =>
      this.#deps.logger.warn({ err: error, docName: this.name }, 'bus unsubscribe failed'),
    );
    if (this.#logSize.rows > 1) void this.#deps.compactor.compact(this.name);
    this.#destroyMemory();
  }

  #destroyMemory(): void {
    if (this.#flushTimer) clearTimeout(this.#flushTimer);
    if (this.#catchUpTimer) clearInterval(this.#catchUpTimer);
    this.awareness.destroy();
    this.doc.destroy();
  }

  #applyClientUpdate(connection: Connection, update: Uint8Array): void {
    try {
      Y.applyUpdate(this.doc, update, connection);
    } catch (error) {
      throw new MalformedMessage(`update does not apply: ${(error as Error).message}`);
    }
  }

  #applyClientAwareness(connection: Connection, update: Uint8Array): void {
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, connection);
    } catch (error) {
      throw new MalformedMessage(`awareness update unreadable: ${(error as Error).message}`);
    }
  }

  /** Applies stored changes without re-appending them; a bad stored row is logged, not fatal. */
  #apply(change: () => void): void {
    try {
      this.doc.transact(change, FROM_STORE);
    } catch (error) {
      this.#deps.logger.error({ err: error, docName: this.name }, 'a stored update did not apply');
    }
  }

  #onUpdate(update: Uint8Array, origin: unknown): void {
    if (this.connections.size > 0) {
      const frame = encodeUpdate(update);
      for (const connection of this.connections) {
        if (connection !== origin) connection.send(frame);
      }
    }
    if (origin === FROM_BUS || origin === FROM_STORE || this.#closed) return;
    this.#pending.push(update);
    if (!this.#flushTimer) {
      this.#flushTimer = setTimeout(() => void this.flush(), this.#deps.flushMs);
    }
  }

  #onAwareness(change: AwarenessChange, origin: unknown): void {
    const changed = [...change.added, ...change.updated, ...change.removed];
    if (changed.length === 0) return;
    if (isConnection(origin, this.connections)) {
      for (const id of change.added) origin.awarenessClients.add(id);
      for (const id of change.removed) origin.awarenessClients.delete(id);
      this.#recordPresence(origin);
    }
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
    const frame = encodeAwarenessStates(this.awareness, changed);
    for (const connection of this.connections) connection.send(frame);
    if (origin !== FROM_BUS && !this.#closed) {
      this.#deps.bus
        .publish({ docName: this.name, kind: 'awareness', payload: update })
        .catch((error: unknown) =>
          this.#deps.logger.warn({ err: error, docName: this.name }, 'awareness publish failed'),
        );
    }
  }

  #recordPresence(connection: Connection): void {
    const [clientId] = connection.awarenessClients;
    const state = clientId === undefined ? null : this.awareness.getStates().get(clientId);
    this.#deps.presence.update({
      connectionId: connection.id,
      docName: this.name,
      userId: connection.claims.sub,
      instanceId: this.#deps.instanceId,
      state: { ...(state ?? {}), name: connection.claims.name, role: connection.claims.role },
    });
  }

  #onBusMessage(message: BusMessage): void {
    if (this.#closed) return;
    if (message.sentAt !== undefined) {
      this.#deps.metrics.busLagSeconds.observe(Math.max(0, Date.now() - message.sentAt) / 1000);
    }
    if (message.kind === 'update') {
      if (message.payload) this.#applyFromBus(message.payload);
      else if (message.updateId) void this.#fetchRow(message.updateId);
    } else if (message.kind === 'awareness' && message.payload) {
      try {
        awarenessProtocol.applyAwarenessUpdate(this.awareness, message.payload, FROM_BUS);
      } catch (error) {
        this.#deps.logger.warn({ err: error, docName: this.name }, 'bad awareness on the bus');
      }
    } else if (message.kind === 'control' && message.payload) {
      this.#onControl(message.payload);
    }
  }

  #applyFromBus(update: Uint8Array): void {
    try {
      Y.applyUpdate(this.doc, update, FROM_BUS);
    } catch (error) {
      this.#deps.logger.error({ err: error, docName: this.name }, 'a bus update did not apply');
    }
  }

  async #fetchRow(updateId: string): Promise<void> {
    try {
      const rows = await readDocUpdatesByIds(this.#deps.db, this.name, [updateId]);
      // A row already compacted away is in the snapshot; catch-up applies that.
      for (const row of rows) this.#applyFromBus(row.update);
      if (rows.length === 0) await this.catchUp();
    } catch (error) {
      this.#deps.logger.warn({ err: error, docName: this.name }, 'reading a bus row failed');
    }
  }

  #onControl(payload: Uint8Array): void {
    const revoked = parseRevoke(payload);
    if (!revoked) return;
    for (const connection of this.connections) {
      if (connection.claims.sub === revoked.userId) connection.close(4409, 'access revoked');
    }
  }

  async #flushPending(): Promise<void> {
    if (this.#pending.length === 0) return;
    const batch = this.#pending;
    this.#pending = [];
    const rows: Uint8Array[] = [];
    for (let i = 0; i < batch.length; i += ROWS_PER_MERGE) {
      const chunk = batch.slice(i, i + ROWS_PER_MERGE);
      rows.push(chunk.length === 1 && chunk[0] ? chunk[0] : Y.mergeUpdates(chunk));
    }
    const ids = await this.#appendWithRetry(rows);
    this.#logSize.rows += rows.length;
    this.#logSize.bytes += rows.reduce((sum, row) => sum + row.length, 0);
    await Promise.all(
      rows.map((update, index) =>
        this.#deps.bus
          .publish({ docName: this.name, kind: 'update', updateId: ids[index], payload: update })
          .catch((error: unknown) =>
            this.#deps.logger.warn({ err: error, docName: this.name }, 'update publish failed'),
          ),
      ),
    );
    const { compaction } = this.#deps;
    if (this.#logSize.rows >= compaction.rows || this.#logSize.bytes >= compaction.bytes) {
      this.#logSize = { rows: 0, bytes: 0 };
      void this.#deps.compactor.compact(this.name);
    }
  }

  /** Appends rows, retrying with back-off while the database is unreachable: never drops them. */
  async #appendWithRetry(rows: Uint8Array[]): Promise<string[]> {
    let delay = 50;
    for (let attempt = 1; ; attempt++) {
      const started = performance.now();
      try {
        const ids = await appendDocUpdates(
          this.#deps.db,
          rows.map((update) => ({ docName: this.name, update, origin: this.#deps.instanceId })),
        );
        this.#deps.metrics.flushSeconds.observe((performance.now() - started) / 1000);
        return ids;
      } catch (error) {
        this.#deps.logger.error(
          { err: error, docName: this.name, attempt, rows: rows.length },
          'appending updates failed; retrying',
        );
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, 2_000);
      }
    }
  }
}

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

function isConnection(origin: unknown, connections: Set<Connection>): origin is Connection {
  return connections.has(origin as Connection);
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/** The control message that closes a user's connections to a document on every instance. */
export function encodeRevoke(userId: string): Uint8Array {
  return new TextEncoder().encode(JSON.stringify({ type: 'revoke', userId }));
}

function parseRevoke(payload: Uint8Array): { userId: string } | null {
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(payload));
    if (typeof value !== 'object' || value === null) return null;
    const { type, userId } = value as Record<string, unknown>;
    return type === 'revoke' && typeof userId === 'string' ? { userId } : null;
  } catch {
    return null;
  }
}
