import type { Bus } from '@specboard/bus';
import type { Db } from '@specboard/db';
import { loadDocState } from '@specboard/db/doc-log';
import { applyStoredState } from '@specboard/stored-doc/load';
import type { Logger } from 'pino';
import * as Y from 'yjs';
import { BusLink } from './bus-link.ts';
import type { Compactor } from './compactor.ts';
import { Connection } from './connection.ts';
import { MessageHandler } from './message-handler.ts';
import type { Metrics } from './metrics.ts';
import { Origin } from './origins.ts';
import { Presence } from './presence.ts';
import type { PresenceWriter } from './presence-writer.ts';
import { encodeSyncStep1 } from './protocol.ts';
import { SyncAnswerCache } from './sync-answer-cache.ts';
import { UpdateBroadcast } from './update-broadcast.ts';
import { UpdateLog } from './update-log.ts';

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
 * One loaded document: its Y.Doc and the connections editing it. The jobs are delegated —
 * MessageHandler reads frames, UpdateLog stores changes, BusLink talks to other instances,
 * Presence keeps awareness — and this class wires them: a change is relayed to every other
 * connection, and stored unless it came from the store or the bus.
 */
export class SharedDoc {
  readonly name: string;
  /** The organisation that owns the document (the `org` claim of its tokens). */
  readonly orgId: string;
  readonly doc = new Y.Doc({ gc: true });
  readonly connections = new Set<Connection>();
  readonly presence: Presence;
  readonly #deps: SharedDocDeps;
  readonly #log: UpdateLog;
  readonly #link: BusLink;
  readonly #answers: SyncAnswerCache;
  readonly #handler: MessageHandler;
  readonly #broadcast = new UpdateBroadcast(this.connections);
  #closed = false;

  private constructor(name: string, orgId: string, deps: SharedDocDeps) {
    this.name = name;
    this.orgId = orgId;
    this.#deps = deps;
    this.presence = new Presence(this.doc, name, {
      bus: deps.bus,
      logger: deps.logger,
      writer: deps.presence,
      instanceId: deps.instanceId,
      connections: this.connections,
    });
    this.#log = new UpdateLog(name, orgId, deps);
    this.#link = new BusLink(name, orgId, deps, {
      doc: this.doc,
      onAwareness: (payload) => this.presence.applyFromBus(payload),
    });
    this.#answers = new SyncAnswerCache(this.doc, deps.metrics);
    this.#handler = new MessageHandler({
      doc: this.doc,
      presence: this.presence,
      answers: this.#answers,
      metrics: deps.metrics,
    });
  }

  /**
   * Subscribes to the bus first (so nothing published meanwhile is missed), then loads the
   * snapshot and every log row. On failure nothing is kept: the doc is never served or persisted.
   */
  static async load(name: string, orgId: string, deps: SharedDocDeps): Promise<SharedDoc> {
    const shared = new SharedDoc(name, orgId, deps);
    try {
      await shared.#link.subscribe();
      const state = await loadDocState(deps.db, orgId, name);
      applyStoredState(shared.doc, state, Origin.store);
      // Listening only now spares encoding the whole stored document as one update nobody
      // receives (no connection is greeted before the load ends) and the log must not store.
      shared.doc.on('update', (update: Uint8Array, origin: unknown) =>
        shared.#onUpdate(update, origin),
      );
      shared.#log.setSize({
        rows: state.updates.length,
        bytes: state.updates.reduce((sum, row) => sum + row.update.length, 0),
      });
      shared.#link.start(state.snapshotAt);
      return shared;
    } catch (error) {
      shared.#closed = true;
      await shared.#link.close();
      shared.#destroyMemory();
      throw error;
    }
  }

  /** Greets a new connection: sync step 1 and everyone's awareness. */
  addConnection(connection: Connection): void {
    this.connections.add(connection);
    connection.send(encodeSyncStep1(this.doc));
    this.presence.sendAll(connection);
  }

  /** Forgets a connection and tells everyone its awareness clients left. */
  removeConnection(connection: Connection): void {
    if (!this.connections.delete(connection)) return;
    this.presence.removeConnection(connection);
  }

  /** Handles one binary frame of `connection` (see MessageHandler). */
  receive(connection: Connection, frame: Uint8Array): void {
    this.#handler.receive(connection, frame);
  }

  /** Resolves once every update received so far is in `doc_updates`. */
  flush(): Promise<void> {
    return this.#log.flush();
  }

  /** Applies log rows this instance has not seen (missed bus messages) and newer snapshots. */
  catchUp(): Promise<void> {
    return this.#link.catchUp();
  }

  /** Flushes, stops listening, compacts the log if it has rows, and frees memory. */
  async unload(): Promise<void> {
    this.#closed = true;
    await this.flush();
    await this.#link.close();
    if (this.#log.rows > 1) void this.#deps.compactor.compact(this.orgId, this.name);
    this.#destroyMemory();
  }

  #destroyMemory(): void {
    this.#broadcast.stop();
    this.#log.stop();
    this.presence.destroy();
    this.doc.destroy();
  }

  #onUpdate(update: Uint8Array, origin: unknown): void {
    this.#answers.invalidate();
    this.#broadcast.add(update, origin instanceof Connection ? origin : null);
    if (origin === Origin.bus || origin === Origin.store || this.#closed) return;
    this.#log.add(update);
  }
}
