import type * as Y from 'yjs';
import type { Metrics } from './metrics.ts';
import { encodeSyncStep2 } from './protocol.ts';

/** Distinct state vectors answered between two changes of the document. */
const MAX_ENTRIES = 4;

/**
 * Answers to sync step 1, kept until the document changes. Encoding step 2 walks the whole
 * document; a client repeating the same step 1 is answered from here instead.
 */
export class SyncAnswerCache {
  readonly #doc: Y.Doc;
  readonly #metrics: Metrics;
  readonly #answers = new Map<string, Uint8Array>();

  constructor(doc: Y.Doc, metrics: Metrics) {
    this.#doc = doc;
    this.#metrics = metrics;
  }

  /** The sync step 2 frame for a peer at `stateVector`. */
  answer(stateVector: Uint8Array): Uint8Array {
    const key = Buffer.from(stateVector).toString('base64');
    const cached = this.#answers.get(key);
    if (cached) {
      this.#metrics.syncStep2Served.inc({ cache: 'hit' });
      return cached;
    }
    const frame = encodeSyncStep2(this.#doc, stateVector);
    if (this.#answers.size >= MAX_ENTRIES) this.#answers.clear();
    this.#answers.set(key, frame);
    this.#metrics.syncStep2Served.inc({ cache: 'miss' });
    return frame;
  }

  /** The document changed: every kept answer is stale. */
  invalidate(): void {
    this.#answers.clear();
  }
}
