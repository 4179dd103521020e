import { anchorInText } from '@specboard/doc/comment-threads';
import type { EncodedAnchor } from '@specboard/doc/suggestion-anchors';
import type { Node as PmNode } from '@tiptap/pm/model';
import * as Y from 'yjs';

/**
 * ProseMirror positions → Yjs: y-prosemirror mirrors the document one to one (each textblock an
 * XmlElement, each run of text an XmlText, each inline node an XmlElement of length one), so
 * following the same child indices finds the text node and the index inside it.
 */
function yTextAt(pmDoc: PmNode, fragment: Y.XmlFragment, pos: number) {
  const $pos = pmDoc.resolve(pos);
  if (!$pos.parent.isTextblock) return null;
  let node: Y.XmlFragment | Y.XmlElement = fragment;
  for (let depth = 0; depth < $pos.depth; depth++) {
    const child: unknown = node.get($pos.index(depth));
    if (!(child instanceof Y.XmlElement)) return null;
    node = child;
  }
  let offset = $pos.parentOffset;
  for (const child of node.toArray()) {
    const length = child instanceof Y.XmlText ? child.length : 1;
    if (child instanceof Y.XmlText && offset <= length) return { text: child, index: offset };
    offset -= length;
  }
  return null;
}

/**
 * The anchor of a selection, kept inside the text node where it starts (a selection running into
 * the next paragraph is cut at the end of the first one); null for an empty selection.
 */
export function selectionAnchor(
  pmDoc: PmNode,
  fragment: Y.XmlFragment,
  from: number,
  to: number,
): EncodedAnchor | null {
  const start = yTextAt(pmDoc, fragment, from);
  if (!start) return null;
  const end = yTextAt(pmDoc, fragment, to);
  const endIndex = end?.text === start.text ? end.index : start.text.length;
  if (endIndex <= start.index) return null;
  return anchorInText(start.text, start.index, endIndex);
}
