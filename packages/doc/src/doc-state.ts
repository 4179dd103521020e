import * as Y from 'yjs';

/**
 * Folds a stored snapshot (V2 encoding) and log updates (V1, as clients send them) into one
 * state, V2-encoded. Applies everything to a fresh Y.Doc instead of `Y.mergeUpdates`, which is
 * superlinear on large batches; garbage collection stays on, so deleted content is dropped.
 */
export function mergeDocState(
  snapshot: Uint8Array | null,
  updates: readonly { update: Uint8Array }[],
): Uint8Array {
  const doc = new Y.Doc();
  try {
    doc.transact(() => {
      if (snapshot) Y.applyUpdateV2(doc, snapshot);
      for (const { update } of updates) Y.applyUpdate(doc, update);
    });
    return Y.encodeStateAsUpdateV2(doc);
  } finally {
    doc.destroy();
  }
}

/** Builds a Y.Doc from a snapshot and log rows, as a server loads a document. */
export function loadYDoc(
  snapshot: Uint8Array | null,
  updates: readonly { update: Uint8Array }[],
): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    if (snapshot) Y.applyUpdateV2(doc, snapshot);
    for (const { update } of updates) Y.applyUpdate(doc, update);
  });
  return doc;
}
