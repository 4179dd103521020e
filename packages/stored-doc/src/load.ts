import type { Db } from '@specboard/db';
import { loadDocState, type StoredDocState } from '@specboard/db/doc-log';
import * as Y from 'yjs';

/**
 * Log bytes applied per transaction. Yjs merges the structs a transaction added when it ends,
 * splicing each merge out of the client's struct array: one transaction over a long log costs
 * O(structs²) (the trace's 26k rows: ~1 s in a fresh process), small ones stay near the array's
 * end (~130 ms).
 */
const LOG_BYTES_PER_TRANSACTION = 16 * 1024;

/**
 * A document as stored is its snapshot (V2) ⊕ every log row not yet compacted into it
 * (ARCHITECTURE.md §5). This is the one place that reads it back into a Y.Doc. A long log is
 * applied in several transactions (each with `origin`); inside a caller's transaction it is one.
 */
export function applyStoredState(doc: Y.Doc, state: StoredDocState, origin: unknown = null): void {
  let next = 0;
  doc.transact(() => {
    if (state.snapshot) Y.applyUpdateV2(doc, state.snapshot);
    next = applyLogRows(doc, state.updates, next);
  }, origin);
  while (next < state.updates.length) {
    doc.transact(() => {
      next = applyLogRows(doc, state.updates, next);
    }, origin);
  }
}

/** Applies rows from `from` on until LOG_BYTES_PER_TRANSACTION; returns the next row's index. */
function applyLogRows(doc: Y.Doc, rows: StoredDocState['updates'], from: number): number {
  let bytes = 0;
  let index = from;
  for (; index < rows.length && bytes < LOG_BYTES_PER_TRANSACTION; index++) {
    const row = rows[index];
    if (row === undefined) break;
    Y.applyUpdate(doc, row.update);
    bytes += row.update.length;
  }
  return index;
}

/** The stored document in a new Y.Doc, which the caller destroys. */
export async function loadStoredDoc(db: Db, orgId: string, docName: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  applyStoredState(doc, await loadDocState(db, orgId, docName));
  return doc;
}

/** Runs `read` on the stored document and destroys it afterwards. */
export async function withStoredDoc<T>(
  db: Db,
  orgId: string,
  docName: string,
  read: (doc: Y.Doc) => T | Promise<T>,
): Promise<T> {
  const doc = await loadStoredDoc(db, orgId, docName);
  try {
    return await read(doc);
  } finally {
    doc.destroy();
  }
}
