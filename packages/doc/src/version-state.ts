import * as Y from 'yjs';

/** A version's stored Yjs state in a new Y.Doc; versions are written as V2, older rows may be V1. */
export function docFromVersionState(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  try {
    Y.applyUpdateV2(doc, state);
  } catch {
    Y.applyUpdate(doc, state);
  }
  return doc;
}

/**
 * Replaces the rich text of `live` by copies of `old`'s nodes (inside the caller's transaction,
 * if any): how a restore writes an old version back as a new change, so history is kept.
 */
export function replaceRichText(live: Y.Doc, old: Y.Doc): void {
  live.transact(() => {
    const target = live.getXmlFragment('default');
    if (target.length > 0) target.delete(0, target.length);
    const nodes = old.getXmlFragment('default').toArray();
    target.insert(
      0,
      nodes.flatMap((node) => (node instanceof Y.XmlHook ? [] : [node.clone()])),
    );
  });
}
