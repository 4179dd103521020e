import type { Editor } from '@tiptap/react';
import { useEffect, useRef } from 'react';

const normalize = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();

/** The position of the first heading whose text is `heading` (case and spacing ignored). */
function findHeading(editor: Editor, heading: string): number | null {
  const wanted = normalize(heading);
  let found: number | null = null;
  editor.state.doc.descendants((node, pos) => {
    if (found !== null) return false;
    if (node.type.name === 'heading' && normalize(node.textContent) === wanted) found = pos;
    return node.type.name !== 'heading';
  });
  return found;
}

/**
 * Opens the document at `#<section heading>` (how a board card links to its source): once the
 * shared content has arrived, puts the caret at the end of that heading and scrolls it to the top.
 */
export function useSectionAnchor(editor: Editor | null, synced: boolean): void {
  const done = useRef(false);
  useEffect(() => {
    if (!editor || !synced || done.current) return;
    const hash = decodeURIComponent(window.location.hash.slice(1));
    if (hash === '') return;
    const pos = findHeading(editor, hash);
    if (pos === null) return;
    done.current = true;
    const heading = editor.state.doc.nodeAt(pos);
    editor.commands.focus(pos + (heading?.nodeSize ?? 2) - 1);
    const element = editor.view.nodeDOM(pos);
    if (element instanceof HTMLElement) element.scrollIntoView({ block: 'start' });
  }, [editor, synced]);
}
