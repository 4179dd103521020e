import { formatDocName } from '@specboard/doc/doc-names';
import { generateKeyBetween } from 'fractional-indexing';
import * as Y from 'yjs';
import {
  blocksAsJson,
  readMarkdownBlocks,
  textNodes,
  writeMarkdownBlocks,
} from './markdown-blocks.ts';

/**
 * The parts of the shared document model (ARCHITECTURE.md §3) the worker writes. Every function
 * changes the Y.Doc it is given inside the caller's transaction; nothing here does I/O.
 */

export const documentDocName = (documentId: string): string => formatDocName('doc', documentId);
export const boardDocName = (projectId: string): string => formatDocName('board', projectId);

const richText = (doc: Y.Doc) => doc.getXmlFragment('default');
const suggestionsOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('suggestions');
const metaOf = (doc: Y.Doc) => doc.getMap<unknown>('meta');

export function readMarkdown(doc: Y.Doc): string {
  return readMarkdownBlocks(richText(doc));
}

export function readContentJson(doc: Y.Doc): unknown {
  return blocksAsJson(richText(doc));
}

export function isDocEmpty(doc: Y.Doc): boolean {
  return readMarkdown(doc).trim() === '';
}

export function fillWithMarkdown(doc: Y.Doc, markdown: string): void {
  writeMarkdownBlocks(richText(doc), markdown);
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

export type SuggestionKind = 'replace' | 'insert' | 'delete';
export type DocSuggestionStatus = 'streaming' | 'pending' | 'accepted' | 'rejected';

export interface SuggestionDraft {
  id: string;
  kind: SuggestionKind;
  /** Text the suggestion targets; for a whole-document replacement, the document's markdown. */
  quote: string;
  contentMd: string;
  rationale: string;
  runId: string;
  model: string;
  requestedBy: string | null;
  status: 'streaming' | 'pending';
}

const encode = (position: Y.RelativePosition) => Y.encodeRelativePosition(position);

/**
 * Anchor as Yjs relative positions: inside the text node holding the quote, the end of the
 * document for an insertion without a quote, or the whole document when the quote is all of it.
 */
function anchorFor(doc: Y.Doc, kind: SuggestionKind, quote: string) {
  const fragment = richText(doc);
  if (quote === '' && kind === 'insert') {
    const end = encode(Y.createRelativePositionFromTypeIndex(fragment, fragment.length, -1));
    return { from: end, to: end };
  }
  if (quote !== '' && quote === readMarkdown(doc)) {
    return {
      from: encode(Y.createRelativePositionFromTypeIndex(fragment, 0)),
      to: encode(Y.createRelativePositionFromTypeIndex(fragment, fragment.length, -1)),
    };
  }
  for (const text of textNodes(fragment)) {
    const index = text.toString().indexOf(quote);
    if (quote === '' || index < 0) continue;
    return {
      from: encode(Y.createRelativePositionFromTypeIndex(text, index)),
      to: encode(Y.createRelativePositionFromTypeIndex(text, index + quote.length, -1)),
    };
  }
  return null;
}

/** Adds or refreshes a suggestion; false when its quote is not in the document (not anchored). */
export function upsertSuggestion(doc: Y.Doc, draft: SuggestionDraft): boolean {
  const anchor = anchorFor(doc, draft.kind, draft.quote);
  if (!anchor) return false;
  const entry = suggestionsOf(doc).get(draft.id) ?? new Y.Map<unknown>();
  if (!suggestionsOf(doc).has(draft.id)) suggestionsOf(doc).set(draft.id, entry);
  entry.set('kind', draft.kind);
  entry.set('status', draft.status);
  entry.set('anchor', anchor);
  entry.set('quote', draft.quote);
  entry.set('content', draft.contentMd);
  entry.set('rationale', draft.rationale);
  entry.set('runId', draft.runId);
  entry.set('model', draft.model);
  entry.set('requestedBy', draft.requestedBy);
  if (!entry.has('createdAt')) entry.set('createdAt', new Date().toISOString());
  return true;
}

export function setSuggestionContent(
  doc: Y.Doc,
  id: string,
  content: string,
  status: DocSuggestionStatus,
): void {
  const entry = suggestionsOf(doc).get(id);
  if (!entry) return;
  entry.set('content', content);
  if (entry.get('status') !== status) entry.set('status', status);
}

export function hasSuggestion(doc: Y.Doc, id: string): boolean {
  return suggestionsOf(doc).has(id);
}

export function suggestionStatus(doc: Y.Doc, id: string): string | undefined {
  const status = suggestionsOf(doc).get(id)?.get('status');
  return typeof status === 'string' ? status : undefined;
}

export function removeSuggestion(doc: Y.Doc, id: string): void {
  if (suggestionsOf(doc).has(id)) suggestionsOf(doc).delete(id);
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
