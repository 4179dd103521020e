import type { Db } from '@specboard/db';
import { loadDocState, type StoredDocState } from '@specboard/db/doc-log';
import * as Y from 'yjs';

/**
 * A document as stored is its snapshot (V2) ⊕ every log row not yet compacted into it
 * (ARCHITECTURE.md §5). This is the one place that reads it back into a Y.Doc.
 */
export function applyStoredState(doc: Y.Doc, state: StoredDocState, origin: unknown = null): void {
  doc.transact(() => {
    if (state.snapshot) Y.applyUpdateV2(doc, state.snapshot);
    for (const row of state.updates) Y.applyUpdate(doc, row.update);
  }, origin);
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
