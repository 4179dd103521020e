import { appendDocUpdates, loadDocState } from '@specboard/db/doc-log';
import * as Y from 'yjs';
import { db } from '../db.server.ts';

/**
 * Changes a shared document the way the worker's `DocSession` does: bring a throwaway Y.Doc up
 * to date from the stored log (snapshot ⊕ updates), run `change` in one transaction and append
 * exactly that update to `doc_updates`, where the sync server loads it from. The seed runs
 * before the sync server starts, so there is nobody to publish to (and the web app has no bus);
 * a sync server that did have the document open would apply the row in its catch-up read.
 * `read` sees the document after the change. Nothing is written when `change` throws or
 * changes nothing, so a second run of the seed adds no rows.
 */
export async function changeStoredDoc<T>(
  docName: string,
  origin: string,
  change: (doc: Y.Doc) => void,
  read: (doc: Y.Doc) => T,
): Promise<T> {
  const state = await loadDocState(db(), docName);
  const doc = new Y.Doc();
  try {
    doc.transact(() => {
      if (state.snapshot) Y.applyUpdateV2(doc, state.snapshot);
      for (const row of state.updates) Y.applyUpdate(doc, row.update);
    }, 'stored');
    let update: Uint8Array | null = null;
    doc.on('update', (bytes: Uint8Array, by: unknown) => {
      if (by === origin) update = bytes;
    });
    doc.transact(() => change(doc), origin);
    if (update !== null) await appendDocUpdates(db(), [{ docName, update, origin }]);
    return read(doc);
  } finally {
    doc.destroy();
  }
}
