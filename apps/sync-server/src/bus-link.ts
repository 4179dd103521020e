import type { Bus, BusMessage } from '@specboard/bus';
import type { Db } from '@specboard/db';
import {
  loadDocState,
  readDocUpdatesByIds,
  readDocUpdatesSettling,
  snapshotWrittenAt,
} from '@specboard/db/doc-log';
import { applyStoredState } from '@specboard/stored-doc/load';
import type { Logger } from 'pino';
import * as Y from 'yjs';
import type { Metrics } from './metrics.ts';
import { Origin } from './origins.ts';

/** Out-of-order commits settle within this window; catch-up re-reads rows that are younger. */
const SETTLE_MS = 10_000;

export interface BusLinkDeps {
  db: Db;
  bus: Bus;
  logger: Logger;
  metrics: Metrics;
  catchUpMs: number;
  /** The origin of this instance's own log rows, which catch-up does not apply again. */
  instanceId: string;
}

/** What the link delivers to its document. */
export interface BusLinkTarget {
  doc: Y.Doc;
  onAwareness(payload: Uint8Array): void;
}

/**
 * A document's link to the other instances: bus messages (updates, awareness), and a
 * periodic catch-up read of `doc_updates` (and of a newer snapshot) that repairs missed messages
 * (docs/decisions/004-sync-server.md §1). Stored changes are applied with origin `store`/`bus`,
 * so they are relayed to connections but never re-appended.
 */
export class BusLink {
  readonly #name: string;
  readonly #orgId: string;
  readonly #deps: BusLinkDeps;
  readonly #target: BusLinkTarget;
  #early: BusMessage[] | null = [];
  #settledId = '0';
  #snapshotAt: Date | null = null;
  #timer: NodeJS.Timeout | null = null;
  #catchingUp = false;
  #unsubscribe: (() => Promise<void>) | null = null;
  #closed = false;

  constructor(name: string, orgId: string, deps: BusLinkDeps, target: BusLinkTarget) {
    this.#name = name;
    this.#orgId = orgId;
    this.#deps = deps;
    this.#target = target;
  }

  /** Subscribes before the document is read, so nothing published meanwhile is missed. */
  async subscribe(): Promise<void> {
    this.#unsubscribe = await this.#deps.bus.subscribe(this.#name, (message) => {
      if (this.#early) this.#early.push(message);
      else this.#onMessage(message);
    });
  }

  /** The stored state is applied: deliver what arrived meanwhile and start catching up. */
  start(snapshotAt: Date | null): void {
    this.#snapshotAt = snapshotAt;
    const early = this.#early ?? [];
    this.#early = null;
    for (const message of early) this.#onMessage(message);
    this.#timer = setInterval(() => void this.catchUp(), this.#deps.catchUpMs);
    this.#timer.unref();
  }

  /** Applies log rows this instance has not seen (missed bus messages) and newer snapshots. */
  async catchUp(): Promise<void> {
    if (this.#catchingUp || this.#closed) return;
    this.#catchingUp = true;
    const { db } = this.#deps;
    const { doc } = this.#target;
    try {
      const snapshotAt = await snapshotWrittenAt(db, this.#orgId, this.#name);
      if (snapshotAt && (!this.#snapshotAt || snapshotAt > this.#snapshotAt)) {
        const state = await loadDocState(db, this.#orgId, this.#name);
        this.#applyStored(() => applyStoredState(doc, state));
        this.#snapshotAt = state.snapshotAt;
      }
      const read = await readDocUpdatesSettling(
        db,
        this.#orgId,
        this.#name,
        this.#settledId,
        SETTLE_MS,
        this.#deps.instanceId,
      );
      if (read.updates.length > 0) {
        const before = Y.encodeStateVector(doc);
        this.#applyStored(() => {
          for (const row of read.updates) Y.applyUpdate(doc, row.update);
        });
        if (!equalBytes(before, Y.encodeStateVector(doc))) {
          this.#deps.metrics.catchUpRows.inc(read.updates.length);
        }
      }
      this.#settledId = read.settledId;
    } catch (error) {
      this.#deps.logger.warn({ err: error, docName: this.#name }, 'catch-up failed; will retry');
    } finally {
      this.#catchingUp = false;
    }
  }

  /** Stops catching up and unsubscribes. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearInterval(this.#timer);
    await this.#unsubscribe?.().catch((error: unknown) =>
      this.#deps.logger.warn({ err: error, docName: this.#name }, 'bus unsubscribe failed'),
    );
  }

  /** Applies stored changes without re-appending them; a bad stored row is logged, not fatal. */
  #applyStored(change: () => void): void {
    try {
      this.#target.doc.transact(change, Origin.store);
    } catch (error) {
      this.#deps.logger.error({ err: error, docName: this.#name }, 'a stored update did not apply');
    }
  }

  #onMessage(message: BusMessage): void {
    if (this.#closed) return;
    if (message.sentAt !== undefined) {
      this.#deps.metrics.busLagSeconds.observe(Math.max(0, Date.now() - message.sentAt) / 1000);
    }
    if (message.kind === 'update') {
      if (message.payload) this.#applyFromBus(message.payload);
      else if (message.updateId) void this.#fetchRow(message.updateId);
    } else if (message.kind === 'awareness' && message.payload) {
      this.#target.onAwareness(message.payload);
    }
  }

  #applyFromBus(update: Uint8Array): void {
    try {
      Y.applyUpdate(this.#target.doc, update, Origin.bus);
    } catch (error) {
      this.#deps.logger.error({ err: error, docName: this.#name }, 'a bus update did not apply');
    }
  }

  async #fetchRow(updateId: string): Promise<void> {
    try {
      const rows = await readDocUpdatesByIds(this.#deps.db, this.#orgId, this.#name, [updateId]);
      // A row already compacted away is in the snapshot; catch-up applies that.
      for (const row of rows) this.#applyFromBus(row.update);
      if (rows.length === 0) await this.catchUp();
    } catch (error) {
      this.#deps.logger.warn({ err: error, docName: this.#name }, 'reading a bus row failed');
    }
  }
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
