import { Worker } from 'node:worker_threads';
import type { ConnectSpec } from './connect-spec.ts';
import { type WorkerCommand, type WorkerReply, workerReplySchema } from './messages.ts';

type ReplyOf<T extends WorkerReply['type']> = Extract<WorkerReply, { type: T }>;

/** One worker thread of the pool; answers one command at a time. */
class ClientWorker {
  readonly #worker = new Worker(new URL('./client-worker.ts', import.meta.url));

  request<T extends WorkerReply['type']>(command: WorkerCommand, expected: T): Promise<ReplyOf<T>> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => {
        this.#worker.off('message', onMessage);
        reject(error);
      };
      const onMessage = (raw: unknown) => {
        this.#worker.off('error', onError);
        const reply = workerReplySchema.parse(raw);
        if (reply.type === expected) resolve(reply as ReplyOf<T>);
        else if (reply.type === 'failed') reject(new Error(`client worker: ${reply.message}`));
        else reject(new Error(`client worker answered ${reply.type}, expected ${expected}`));
      };
      this.#worker.once('message', onMessage);
      this.#worker.once('error', onError);
      this.#worker.postMessage(command);
    });
  }

  terminate(): Promise<number> {
    return this.#worker.terminate();
  }
}

/**
 * The load generator's clients, spread round-robin over worker threads so that receiving and
 * applying updates does not queue behind one event loop.
 */
export class ClientPool {
  readonly #workers: ClientWorker[];
  /** For each worker, the global indexes of its clients in connection order. */
  #assigned: number[][];

  constructor(threads: number) {
    this.#workers = Array.from({ length: threads }, () => new ClientWorker());
    this.#assigned = this.#workers.map(() => []);
  }

  /** Connects one client per spec and waits until every one has synced. */
  async connect(specs: readonly ConnectSpec[]): Promise<void> {
    const shares: ConnectSpec[][] = this.#workers.map(() => []);
    const base = this.#assigned.flat().length;
    specs.forEach((spec, i) => {
      const w = (base + i) % this.#workers.length;
      shares[w]?.push(spec);
      this.#assigned[w]?.push(base + i);
    });
    await Promise.all(
      this.#workers.map((worker, w) =>
        worker.request({ type: 'connect', specs: shares[w] ?? [] }, 'connected'),
      ),
    );
  }

  /** Clients with global index below `writers` type; every client measures delivery latency. */
  async fanout(options: {
    writers: number;
    updatesPerSecond: number;
    durationMs: number;
    quietMs: number;
  }) {
    let writerOffset = 0;
    const replies = await Promise.all(
      this.#workers.map((worker, w) => {
        const local = (this.#assigned[w] ?? [])
          .map((global, index) => ({ global, index }))
          .filter(({ global }) => global < options.writers)
          .map(({ index }) => index);
        const command: WorkerCommand = {
          type: 'fanout',
          writers: local,
          writerOffset,
          writerCount: options.writers,
          updatesPerSecond: options.updatesPerSecond,
          durationMs: options.durationMs,
          quietMs: options.quietMs,
        };
        writerOffset += local.length;
        return worker.request(command, 'fanout-done');
      }),
    );
    return replies;
  }

  /** Resolves with the time the last client's trace text equalled `expected`. */
  async whenTextsEqual(expected: string, timeoutMs: number): Promise<number> {
    const replies = await Promise.all(
      this.#workers.map((worker) =>
        worker.request({ type: 'watch-text', expected, timeoutMs }, 'text-complete'),
      ),
    );
    return Math.max(...replies.map((r) => r.at));
  }

  /** Disconnects every client and stops the threads. */
  async close(): Promise<void> {
    await Promise.all(this.#workers.map((worker) => worker.request({ type: 'close' }, 'closed')));
    await Promise.all(this.#workers.map((worker) => worker.terminate()));
    this.#assigned = this.#workers.map(() => []);
  }
}
