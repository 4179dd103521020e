import type { Bus } from '@specboard/bus';
import type { Db } from '@specboard/db';
import { appendDocUpdates } from '@specboard/db/doc-log';
import type { Logger } from 'pino';
import * as Y from 'yjs';
import type { Compactor } from './compactor.ts';
import type { Metrics } from './metrics.ts';

/** Rows merged into one `doc_updates` row per flush (Y.mergeUpdates is cheap on small batches). */
const ROWS_PER_MERGE = 100;

export interface UpdateLogDeps {
  db: Db;
  bus: Bus;
  logger: Logger;
  metrics: Metrics;
  compactor: Compactor;
  instanceId: string;
  flushMs: number;
  compaction: { rows: number; bytes: number };
}

/**
 * A document's micro-batched appends to `doc_updates` (ARCHITECTURE.md §5): updates wait at most
 * `flushMs`, are appended with retry (never dropped), then published on the bus; the log's size
 * triggers compaction.
 */
export class UpdateLog {
  readonly #name: string;
  readonly #orgId: string;
  readonly #deps: UpdateLogDeps;
  #pending: Uint8Array[] = [];
  #timer: NodeJS.Timeout | null = null;
  #chain: Promise<void> = Promise.resolve();
  #size = { rows: 0, bytes: 0 };

  /** `orgId` owns the document: every row is appended in its scope (row-level security). */
  constructor(name: string, orgId: string, deps: UpdateLogDeps) {
    this.#name = name;
    this.#orgId = orgId;
    this.#deps = deps;
  }

  /** Rows in the log (as loaded plus appended since). */
  get rows(): number {
    return this.#size.rows;
  }

  /** The log as loaded. */
  setSize(size: { rows: number; bytes: number }): void {
    this.#size = size;
  }

  /** Queues an update made here; it is appended within `flushMs`. */
  add(update: Uint8Array): void {
    this.#pending.push(update);
    if (!this.#timer) this.#timer = setTimeout(() => void this.flush(), this.#deps.flushMs);
  }

  /** Resolves once every update added so far is in `doc_updates`. */
  flush(): Promise<void> {
    this.stop();
    this.#chain = this.#chain.then(() => this.#flushPending());
    return this.#chain;
  }

  /** Cancels the scheduled flush (pending updates stay until `flush`). */
  stop(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
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
    this.#size.rows += rows.length;
    this.#size.bytes += rows.reduce((sum, row) => sum + row.length, 0);
    await Promise.all(
      rows.map((update, index) =>
        this.#deps.bus
          .publish({ docName: this.#name, kind: 'update', updateId: ids[index], payload: update })
          .catch((error: unknown) =>
            this.#deps.logger.warn({ err: error, docName: this.#name }, 'update publish failed'),
          ),
      ),
    );
    const { compaction } = this.#deps;
    if (this.#size.rows >= compaction.rows || this.#size.bytes >= compaction.bytes) {
      this.#size = { rows: 0, bytes: 0 };
      void this.#deps.compactor.compact(this.#orgId, this.#name);
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
          this.#orgId,
          rows.map((update) => ({ docName: this.#name, update, origin: this.#deps.instanceId })),
        );
        this.#deps.metrics.flushSeconds.observe((performance.now() - started) / 1000);
        return ids;
      } catch (error) {
        this.#deps.logger.error(
          { err: error, docName: this.#name, attempt, rows: rows.length },
          'appending updates failed; retrying',
        );
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, 2_000);
      }
    }
  }
}
