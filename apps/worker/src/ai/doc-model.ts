import {
  docToJson,
  docToMarkdown,
  isDocEmpty as isRichTextEmpty,
  replaceDocContent,
} from '@specboard/doc/content';
import { formatDocName } from '@specboard/doc/doc-names';
import { editorMarkdownCodec } from '@specboard/doc/suggestion-markdown';
import type * as Y from 'yjs';
import { z } from 'zod';

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

const fillMarkSchema = z.object({ stepId: z.string(), hash: z.string() });
export type FillMark = z.output<typeof fillMarkSchema>;

/**
 * Which generation is filling the document, and what it had written (see ProseTarget). Any
 * client can write `meta`; a value of another shape reads as no mark.
 */
export function getFillMark(doc: Y.Doc): FillMark | null {
  const parsed = fillMarkSchema.safeParse(metaOf(doc).get('aiFill'));
  return parsed.success ? parsed.data : null;
}

export function setFillMark(doc: Y.Doc, mark: FillMark | null): void {
  if (mark) metaOf(doc).set('aiFill', mark);
  else if (metaOf(doc).has('aiFill')) metaOf(doc).delete('aiFill');
}
