import * as Y from 'yjs';

/** A stored version's Yjs state; versions are written as V2, older rows may be V1. */
export function docFromState(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  try {
    Y.applyUpdateV2(doc, state);
  } catch {
    Y.applyUpdate(doc, state);
  }
  return doc;
}

/**
 * Restores a version into the live document as one new change: the rich text is replaced by
 * copies of the version's nodes. Because it is an ordinary Yjs transaction on the shared doc,
 * everyone sees it live and the history keeps what came before.
 */
export function restoreInto(live: Y.Doc, state: Uint8Array): void {
  const old = docFromState(state);
  try {
    const source = old.getXmlFragment('default');
    live.transact(() => {
      const target = live.getXmlFragment('default');
      if (target.length > 0) target.delete(0, target.length);
      target.insert(
        0,
        source.toArray().flatMap((node) => (node instanceof Y.XmlHook ? [] : [node.clone()])),
      );
    });
  } finally {
    old.destroy();
  }
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}
