import type { Logger } from 'pino';
import type { Metrics } from './metrics.ts';
import { SharedDoc, type SharedDocDeps } from './shared-doc.ts';

type Entry =
  | { state: 'loading'; ready: Promise<SharedDoc> }
  | { state: 'active'; doc: SharedDoc }
  | { state: 'unloading'; done: Promise<void> };

/**
 * The documents this instance holds: loaded on first connection (concurrent loads coalesce),
 * unloaded once the last connection leaves and its writes are flushed. A connection arriving
 * during an unload waits for it and gets a freshly loaded document with everything stored.
 */
export class DocRegistry {
  readonly #entries = new Map<string, Entry>();
  readonly #deps: SharedDocDeps;
  readonly #logger: Logger;
  readonly #metrics: Metrics;

  constructor(deps: SharedDocDeps) {
    this.#deps = deps;
    this.#logger = deps.logger;
    this.#metrics = deps.metrics;
  }

  /**
   * The document `name` of organisation `orgId` (the connection's `org` claim). A document is
   * loaded, stored and read in its organisation's row-level security scope; a claim naming
   * another organisation than the loaded document's is refused rather than served.
   */
  async acquire(name: string, orgId: string): Promise<SharedDoc> {
    const doc = await this.#acquire(name, orgId);
    if (doc.orgId !== orgId) {
      this.releaseIfIdle(doc);
      throw new Error(`${name} is loaded for another organisation than the token's`);
    }
    return doc;
  }

  async #acquire(name: string, orgId: string): Promise<SharedDoc> {
    for (;;) {
      const entry = this.#entries.get(name);
      if (!entry) return this.#load(name, orgId);
      if (entry.state === 'active') return entry.doc;
      if (entry.state === 'loading') return entry.ready;
      await entry.done;
    }
  }

  /** Unloads the document if no connection uses it any more. */
  releaseIfIdle(doc: SharedDoc): void {
    const entry = this.#entries.get(doc.name);
    if (entry?.state !== 'active' || entry.doc !== doc || doc.connections.size > 0) return;
    const done = doc
      .unload()
      .catch((error: unknown) =>
        this.#logger.error({ err: error, docName: doc.name }, 'unload failed'),
      )
      .finally(() => {
        this.#entries.delete(doc.name);
        this.#metrics.docsLoaded.set(this.#activeCount());
      });
    this.#entries.set(doc.name, { state: 'unloading', done });
  }

  /** Every loaded document (for shutdown and revocation). */
  active(): SharedDoc[] {
    const docs: SharedDoc[] = [];
    for (const entry of this.#entries.values()) if (entry.state === 'active') docs.push(entry.doc);
    return docs;
  }

  get(name: string): SharedDoc | undefined {
    const entry = this.#entries.get(name);
    return entry?.state === 'active' ? entry.doc : undefined;
  }

  /** Resolves when every pending load and unload has settled. */
  async settled(): Promise<void> {
    await Promise.all(
      [...this.#entries.values()].map((entry) => {
        if (entry.state === 'loading') return entry.ready.catch(() => undefined);
        if (entry.state === 'unloading') return entry.done;
        return undefined;
      }),
    );
  }

  async #load(name: string, orgId: string): Promise<SharedDoc> {
    const ready = SharedDoc.load(name, orgId, this.#deps);
    this.#entries.set(name, { state: 'loading', ready });
    try {
      const doc = await ready;
      this.#entries.set(name, { state: 'active', doc });
      this.#metrics.docsLoaded.set(this.#activeCount());
      return doc;
    } catch (error) {
      this.#entries.delete(name);
      this.#logger.error({ err: error, docName: name }, 'loading the document failed');
      throw error;
    }
  }

  #activeCount(): number {
    let count = 0;
    for (const entry of this.#entries.values()) if (entry.state === 'active') count++;
    return count;
  }
}
