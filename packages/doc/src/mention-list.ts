import type { JSONContent } from '@tiptap/core';
import { MENTION_NODE } from './document-mention.ts';

export interface MentionInText {
  /** The mentioned person's user id (unchecked: anyone who can write the text chose it). */
  userId: string;
  /** The text of the nearest heading above the mention, or null above the first heading. */
  section: string | null;
}

const headingText = (node: JSONContent): string =>
  node.type === 'text' ? (node.text ?? '') : (node.content ?? []).map(headingText).join('');

/** Every mention in a document's ProseMirror JSON, in document order, with its section. */
export function mentionsIn(doc: JSONContent): MentionInText[] {
  const found: MentionInText[] = [];
  let section: string | null = null;
  const visit = (node: JSONContent): void => {
    if (node.type === 'heading') section = headingText(node).trim() || null;
    const id = node.attrs?.id;
    if (node.type === MENTION_NODE && typeof id === 'string' && id !== '') {
      found.push({ userId: id, section });
    }
    for (const child of node.content ?? []) visit(child);
  };
  visit(doc);
  return found;
}
