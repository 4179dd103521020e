import { Worker } from 'node:worker_threads';
import type { Db } from '@specboard/db';
import { compactDoc } from '@specboard/db/doc-log';
import type { Logger } from 'pino';
import type { MergeReply, MergeRequest } from './compactor-thread.ts';
import type { Metrics } from './metrics.ts';

/**
 * Compacts documents' logs into snapshots (ARCHITECTURE.md §5): the merge runs in a worker
 * thread; `compactDoc` holds the per-doc advisory lock and deletes exactly the rows it read.
 * One compaction per document at a time; requests for a document already compacting coalesce.
 */
export class Compactor {
  readonly #db: Db;
  readonly #logger: Logger;
  readonly #metrics: Metrics;
  readonly #running = new Map<string, Promise<number>>();
  /** Documents asked for again while compacting: compacted once more afterwards. */
  readonly #again = new Set<string>();
  #closed = false;
  readonly #replies = new Map<number, (reply: MergeReply) => void>();
  #thread: Worker | null = null;
  #nextId = 0;

  constructor(deps: { db: Db; logger: Logger; metrics: Metrics }) {
    this.#db = deps.db;
    this.#logger = deps.logger;
    this.#metrics = deps.metrics;
  }

  /** Compacts `docName`; resolves to the number of rows folded in (0 on failure, logged). */
  compact(orgId: string, docName: string): Promise<number> {
    if (this.#closed) return Promise.resolve(0);
    const running = this.#running.get(docName);
    if (running) {
      // Rows written after the running compaction read the log need one more pass.
      if (!this.#again.has(docName)) {
        this.#again.add(docName);
        void running.then(() => {
          this.#again.delete(docName);
          return this.compact(orgId, docName);
        });
      }
      return running;
    }
    const started = performance.now();
    const job = compactDoc(this.#db, orgId, docName, (snapshot, updates) =>
      this.#merge(
        snapshot,
        updates.map((u) => u.update),
      ),
    )
      .then((rows) => {
        if (rows > 0) {
          const seconds = (performance.now() - started) / 1000;
          this.#metrics.compactionSeconds.observe(seconds);
          this.#logger.debug({ docName, rows, ms: Math.round(seconds * 1000) }, 'compacted');
        }
        return rows;
      })
      .catch((error: unknown) => {
        this.#logger.error({ err: error, docName }, 'compaction failed; the log is kept');
        return 0;
      })
      .finally(() => this.#running.delete(docName));
    this.#running.set(docName, job);
    return job;
  }

  /** Waits for running compactions, then stops the thread. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#again.clear();
    await Promise.all(this.#running.values());
    await this.#thread?.terminate();
    this.#thread = null;
  }

  #merge(snapshot: Uint8Array | null, updates: Uint8Array[]): Promise<Uint8Array> {
    const thread = this.#ensureThread();
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#replies.set(id, (reply) => {
        if ('error' in reply) reject(new Error(`merge failed: ${reply.error}`));
        else resolve(reply.state);
      });
      thread.postMessage({ id, snapshot, updates } satisfies MergeRequest);
    });
  }

  #ensureThread(): Worker {
    if (this.#thread) return this.#thread;
    const thread = new Worker(new URL('./compactor-thread.ts', import.meta.url));
    thread.unref();
    thread.on('message', (reply: MergeReply) => {
      const settle = this.#replies.get(reply.id);
      this.#replies.delete(reply.id);
      settle?.(reply);
    });
    thread.on('error', (error) => {
      this.#logger.error({ err: error }, 'compactor thread crashed');
      this.#failPending(error);
    });
    thread.on('exit', () => {
      if (this.#thread === thread) this.#thread = null;
      this.#failPending(new Error('compactor thread exited'));
    });
    this.#thread = thread;
    return thread;
  }

  #failPending(error: Error): void {
    for (const [id, settle] of this.#replies) settle({ id, error: error.message });
    this.#replies.clear();
  }
}
