import * as Y from 'yjs';

/**
 * Where a suggestion points in the rich text (`getXmlFragment('default')`), stored as encoded
 * Yjs relative positions so it follows concurrent edits. Three shapes exist:
 * - a range inside one text node (the quote of a replace/delete/insert-after suggestion);
 * - the whole fragment (a generated document offered as a replacement);
 * - one point between top-level blocks (an insertion at the end of the document).
 */
export interface EncodedAnchor {
  from: Uint8Array;
  to: Uint8Array;
}

export type ResolvedAnchor =
  | { type: 'text'; text: Y.XmlText; from: number; to: number }
  | { type: 'blocks'; fragment: Y.XmlFragment; from: number; to: number };

const encode = (position: Y.RelativePosition) => Y.encodeRelativePosition(position);

/** The characters of a text node without formatting (embeds count as one character, like Yjs). */
export function plainText(text: Y.XmlText): string {
  return text
    .toDelta()
    .map((op: { insert?: unknown }) => (typeof op.insert === 'string' ? op.insert : '\ufffc'))
    .join('');
}

/** Every text node under `parent`, in document order. */
function textNodes(parent: Y.XmlFragment | Y.XmlElement): Y.XmlText[] {
  return parent
    .toArray()
    .flatMap((node) =>
      node instanceof Y.XmlText ? [node] : node instanceof Y.XmlElement ? textNodes(node) : [],
    );
}

/** The quote without the markdown markers a model sometimes copies along with it. */
function withoutMarkers(quote: string): string {
  return quote
    .replace(/^\s*(?:#{1,6}|[-*+]|\d+[.)])\s+/, '')
    .replace(/(\*\*|__|`)/g, '')
    .trim();
}

/** Anchors `quote` inside the first text node containing it; null when it is nowhere. */
export function anchorQuote(fragment: Y.XmlFragment, quote: string): EncodedAnchor | null {
  for (const candidate of [quote, withoutMarkers(quote)]) {
    if (candidate === '') continue;
    for (const text of textNodes(fragment)) {
      const index = plainText(text).indexOf(candidate);
      if (index < 0) continue;
      return {
        from: encode(Y.createRelativePositionFromTypeIndex(text, index)),
        to: encode(Y.createRelativePositionFromTypeIndex(text, index + candidate.length, -1)),
      };
    }
  }
  return null;
}

/** The whole rich text: what a replacement of the entire document targets. */
export function anchorWholeDocument(fragment: Y.XmlFragment): EncodedAnchor {
  return {
    from: encode(Y.createRelativePositionFromTypeIndex(fragment, 0)),
    to: encode(Y.createRelativePositionFromTypeIndex(fragment, fragment.length, -1)),
  };
}

/** The end of the document: where an insertion without a quote goes. */
export function anchorDocumentEnd(fragment: Y.XmlFragment): EncodedAnchor {
  const end = encode(Y.createRelativePositionFromTypeIndex(fragment, fragment.length, -1));
  return { from: end, to: end };
}

/**
 * The anchor's current range, or null when its target was removed entirely (for example the
 * paragraph holding the quote was deleted).
 */
export function resolveAnchor(doc: Y.Doc, anchor: EncodedAnchor): ResolvedAnchor | null {
  const from = Y.createAbsolutePositionFromRelativePosition(
    Y.decodeRelativePosition(anchor.from),
    doc,
  );
  const to = Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(anchor.to), doc);
  if (!from || !to || from.type !== to.type) return null;
  const end = Math.max(from.index, to.index);
  if (from.type instanceof Y.XmlText) {
    return { type: 'text', text: from.type, from: from.index, to: end };
  }
  if (from.type instanceof Y.XmlFragment) {
    return { type: 'blocks', fragment: from.type, from: from.index, to: end };
  }
  return null;
}

/** The top-level block (child of the fragment) that contains `node`, with its index. */
export function enclosingBlock(
  fragment: Y.XmlFragment,
  node: Y.XmlText,
): { block: Y.XmlElement | Y.XmlText; index: number } | null {
  let current: Y.XmlElement | Y.XmlText = node;
  while (current.parent !== fragment) {
    if (!(current.parent instanceof Y.XmlElement)) return null;
    current = current.parent;
  }
  const index = fragment.toArray().indexOf(current);
  return index < 0 ? null : { block: current, index };
}
