import type { ResolvedAnchor } from '@specboard/doc/suggestion-anchors';
import type { Node as PmNode } from '@tiptap/pm/model';
import * as Y from 'yjs';

/**
 * Yjs positions → ProseMirror positions. y-prosemirror mirrors the document one to one: each
 * XmlElement is a node, each XmlText a run of text inside its textblock. Walking the same child
 * indices in both trees gives the position without reaching into the sync plugin's internals.
 */

/** Child indices from the fragment down to `type`, or null when it is not attached. */
function pathTo(fragment: Y.XmlFragment, type: Y.XmlElement | Y.XmlText): number[] | null {
  const path: number[] = [];
  let current: Y.XmlElement | Y.XmlText | Y.XmlFragment = type;
  while (current !== fragment) {
    const parent: unknown = current.parent;
    if (!(parent instanceof Y.XmlFragment)) return null;
    const index = parent.toArray().indexOf(current as Y.XmlElement | Y.XmlText);
    if (index < 0) return null;
    path.unshift(index);
    current = parent;
  }
  return path;
}

/** The position just inside the node reached by `path` (its content start), or null. */
function contentStart(doc: PmNode, path: readonly number[]): number | null {
  let node = doc;
  let pos = 0;
  for (const index of path) {
    if (index >= node.childCount) return null;
    for (let i = 0; i < index; i++) pos += node.child(i).nodeSize;
    node = node.child(index);
    pos += 1;
  }
  return pos;
}

function topLevelOffset(doc: PmNode, index: number): number {
  let pos = 0;
  for (let i = 0; i < Math.min(index, doc.childCount); i++) pos += doc.child(i).nodeSize;
  return pos;
}

/** The ProseMirror range of a resolved suggestion anchor, or null when the trees disagree. */
export function pmRange(
  doc: PmNode,
  fragment: Y.XmlFragment,
  range: ResolvedAnchor,
): { from: number; to: number; block: boolean } | null {
  if (range.type === 'blocks') {
    return {
      from: topLevelOffset(doc, range.from),
      to: topLevelOffset(doc, range.to),
      block: true,
    };
  }
  const path = pathTo(fragment, range.text);
  const parent = range.text.parent;
  if (!path || !(parent instanceof Y.XmlElement)) return null;
  const start = contentStart(doc, path.slice(0, -1));
  if (start === null) return null;
  let offset = 0;
  for (const sibling of parent.toArray().slice(0, path.at(-1))) {
    offset += sibling instanceof Y.XmlText ? sibling.length : 1;
  }
  const size = doc.content.size;
  const from = Math.min(start + offset + range.from, size);
  return { from, to: Math.min(start + offset + range.to, size), block: false };
}
