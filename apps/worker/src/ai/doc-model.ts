import {
  docToJson,
  docToMarkdown,
  isDocEmpty as isRichTextEmpty,
  replaceDocContent,
} from '@specboard/doc/content';
import { formatDocName } from '@specboard/doc/doc-names';
import { editorMarkdownCodec } from '@specboard/doc/suggestion-markdown';
import { generateKeyBetween } from 'fractional-indexing';
import * as Y from 'yjs';

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

export interface BoardTaskDraft {
  id: string;
  title: string;
  description: string;
  estimate: number;
  labels: string[];
  dependsOn: string[];
  acceptanceCriteria: string[];
  sourceVersionId: string;
  sourceAnchor: string | null;
}

/** Appends tasks to the board's first column in order; tasks already on the board are left alone. */
export function addBoardTasks(doc: Y.Doc, tasks: readonly BoardTaskDraft[]): void {
  const board = doc.getMap<Y.Map<unknown>>('tasks');
  let last: string | null = null;
  for (const task of board.values()) {
    const order = task.get('order');
    if (typeof order === 'string' && (last === null || order > last)) last = order;
  }
  for (const task of tasks) {
    if (board.has(task.id)) continue;
    last = generateKeyBetween(last, null);
    const entry = new Y.Map<unknown>();
    board.set(task.id, entry);
    entry.set('title', task.title);
    entry.set('description', task.description);
    entry.set('status', 'todo');
    entry.set('order', last);
    entry.set('estimate', task.estimate);
    entry.set('labels', task.labels);
    entry.set('dependsOn', task.dependsOn);
    entry.set('acceptanceCriteria', task.acceptanceCriteria);
    entry.set('sourceVersionId', task.sourceVersionId);
    entry.set('sourceAnchor', task.sourceAnchor);
  }
}
