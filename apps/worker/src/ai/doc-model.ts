import {
  docToJson,
  docToMarkdown,
  isDocEmpty as isRichTextEmpty,
  replaceDocContent,
} from '@specboard/doc/content';
import { formatDocName } from '@specboard/doc/doc-names';
import { editorMarkdownCodec } from '@specboard/doc/suggestion-markdown';
import type * as Y from 'yjs';

/**
 * The parts of the shared document model (ARCHITECTURE.md §3) the worker writes. Every function
 * changes the Y.Doc it is given inside the caller's transaction; nothing here does I/O.
 * Text goes through the editor's own schema and Markdown (`@specboard/doc/content`), so what
 * the AI writes is what the editor would have produced.
 */

export const documentDocName = (documentId: string): string => formatDocName('doc', documentId);
export const boardDocName = (projectId: string): string => formatDocName('board', projectId);

const richText = (doc: Y.Doc) => doc.getXmlFragment('default');
const metaOf = (doc: Y.Doc) => doc.getMap<unknown>('meta');

/** The markdown codec shared with the browser for suggestions. */
export const markdownCodec = editorMarkdownCodec;

export function readMarkdown(doc: Y.Doc): string {
  return docToMarkdown(doc).trim();
}

export function readContentJson(doc: Y.Doc): unknown {
  return docToJson(doc);
}

export function isDocEmpty(doc: Y.Doc): boolean {
  return isRichTextEmpty(doc);
}

/**
 * Makes the rich text equal `markdown` (inside the caller's transaction). Unchanged blocks keep
 * their identity, so a streamed fill only rewrites the block being written.
 */
export function fillWithMarkdown(doc: Y.Doc, markdown: string): void {
  if (markdown.trim() !== '') {
    replaceDocContent(doc, markdown);
    return;
  }
  const fragment = richText(doc);
  if (fragment.length > 0) fragment.delete(0, fragment.length);
}

export interface FillMark {
  stepId: string;
  hash: string;
}

/** Which generation is filling the document, and what it had written (see ProseTarget). */
export function getFillMark(doc: Y.Doc): FillMark | null {
  const value = metaOf(doc).get('aiFill');
  if (typeof value !== 'object' || value === null) return null;
  const { stepId, hash } = value as Record<string, unknown>;
  return typeof stepId === 'string' && typeof hash === 'string' ? { stepId, hash } : null;
}

export function setFillMark(doc: Y.Doc, mark: FillMark | null): void {
  if (mark) metaOf(doc).set('aiFill', mark);
  else if (metaOf(doc).has('aiFill')) metaOf(doc).delete('aiFill');
}
