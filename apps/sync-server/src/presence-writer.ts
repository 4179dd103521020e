import type { Db } from '@specboard/db';
import {
  deletePresence,
  deletePresenceOfInstances,
  type PresenceEntry,
  sweepStalePresence,
  touchInstancePresence,
  upsertPresence,
} from '@specboard/db/presence';
import type { Logger } from 'pino';

const WRITE_INTERVAL_MS = 1_000;
const HEARTBEAT_MS = 10_000;
const STALE_AFTER_MS = 45_000;

interface Pending {
  entry: PresenceEntry;
  lastWrite: number;
  timer: NodeJS.Timeout | null;
}

/**
 * Keeps `presence` rows (ARCHITECTURE.md §5): at most one write per second per connection, a
 * heartbeat that keeps this instance's rows fresh, and a sweep of rows nobody refreshes (their
 * instance died). Failures are logged; presence is advisory and never blocks editing.
 */
export class PresenceWriter {
  readonly #db: Db;
  readonly #logger: Logger;
  readonly #instanceId: string;
  readonly #pending = new Map<string, Pending>();
  readonly #heartbeat: NodeJS.Timeout;

  constructor(deps: { db: Db; logger: Logger; instanceId: string }) {
    this.#db = deps.db;
    this.#logger = deps.logger;
    this.#instanceId = deps.instanceId;
    this.#heartbeat = setInterval(() => void this.#beat(), HEARTBEAT_MS);
    this.#heartbeat.unref();
  }

  /** Records the connection's latest awareness state, writing it now or within a second. */
  update(entry: PresenceEntry): void {
    const pending = this.#pending.get(entry.connectionId);
    if (!pending) {
      this.#pending.set(entry.connectionId, { entry, lastWrite: Date.now(), timer: null });
      void this.#write(entry);
      return;
    }
    pending.entry = entry;
    if (pending.timer) return;
    const wait = Math.max(0, pending.lastWrite + WRITE_INTERVAL_MS - Date.now());
    pending.timer = setTimeout(() => {
      pending.timer = null;
      pending.lastWrite = Date.now();
      void this.#write(pending.entry);
    }, wait);
  }

  /** The connection closed: its row goes. */
  remove(connectionId: string): void {
    const pending = this.#pending.get(connectionId);
    if (!pending) return;
    if (pending.timer) clearTimeout(pending.timer);
    this.#pending.delete(connectionId);
    deletePresence(this.#db, pending.entry.orgId, connectionId).catch((error: unknown) =>
      this.#logger.warn({ err: error, connectionId }, 'deleting presence failed'),
    );
  }

  /** Stops writing and deletes every row of this instance. */
  async close(): Promise<void> {
    clearInterval(this.#heartbeat);
    for (const pending of this.#pending.values()) if (pending.timer) clearTimeout(pending.timer);
    this.#pending.clear();
    await deletePresenceOfInstances(this.#db, [this.#instanceId]).catch((error: unknown) =>
      this.#logger.warn({ err: error }, 'deleting this instance presence failed'),
    );
  }

  async #write(entry: PresenceEntry): Promise<void> {
    if (!this.#pending.has(entry.connectionId)) return;
    try {
      await upsertPresence(this.#db, entry);
      // The connection may have closed while the row was being written.
      if (!this.#pending.has(entry.connectionId))
        await deletePresence(this.#db, entry.orgId, entry.connectionId);
    } catch (error) {
      this.#logger.warn(
        { err: error, connectionId: entry.connectionId },
        'writing presence failed',
      );
    }
  }

  async #beat(): Promise<void> {
    try {
      await touchInstancePresence(this.#db, this.#instanceId);
      const swept = await sweepStalePresence(this.#db, STALE_AFTER_MS);
      if (swept > 0) this.#logger.info({ swept }, 'swept stale presence rows');
    } catch (error) {
      this.#logger.warn({ err: error }, 'presence heartbeat failed');
    }
  }
}
