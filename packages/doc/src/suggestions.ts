import * as Y from 'yjs';
import { z } from 'zod';
import { asYMap, notAMap, type SkippedEntry } from './skipped-entries.ts';
import {
  anchorDocumentEnd,
  anchorQuote,
  anchorWholeDocument,
  type EncodedAnchor,
  enclosingBlock,
  plainText,
  type ResolvedAnchor,
  resolveAnchor,
} from './suggestion-anchors.ts';
import type { MarkdownCodec } from './suggestion-markdown.ts';

/**
 * AI suggestions live in the shared document (ARCHITECTURE.md §3): `getMap('suggestions')`
 * holds `suggestionId → Y.Map` so every collaborator sees them appear, stream and be decided.
 * The worker creates and streams them; any editor's browser accepts or rejects them. Every
 * function here changes the doc inside one transaction and does no I/O.
 */

export const suggestionKinds = ['replace', 'insert', 'delete'] as const;
export type SuggestionKind = (typeof suggestionKinds)[number];
export const suggestionStatuses = ['streaming', 'pending', 'accepted', 'rejected'] as const;
export type SuggestionStatus = (typeof suggestionStatuses)[number];

const encodedPosition = z.instanceof(Uint8Array);

/**
 * The anchor's two encoded relative positions are stored as binary values of their own
 * (`anchorFrom`, `anchorTo`): Yjs deep-freezes JSON values in development mode and cannot freeze
 * a JSON object holding typed arrays (ARCHITECTURE.md §3). Entries written before this change
 * hold them nested in `anchor: {from, to}`, which still reads.
 */
const storedAnchorSchema = z.union([
  z
    .object({ anchorFrom: encodedPosition, anchorTo: encodedPosition })
    .transform(({ anchorFrom, anchorTo }) => ({ from: anchorFrom, to: anchorTo })),
  z
    .object({ anchor: z.object({ from: encodedPosition, to: encodedPosition }) })
    .transform(({ anchor }) => anchor),
]);

const suggestionFieldsSchema = z.object({
  kind: z.enum(suggestionKinds),
  status: z.enum(suggestionStatuses),
  quote: z.string(),
  content: z.string(),
  rationale: z.string().default(''),
  runId: z.string().nullable().default(null),
  model: z.string().nullable().default(null),
  requestedBy: z.string().nullable().default(null),
  createdAt: z.string(),
  decidedBy: z.string().nullable().default(null),
  decidedAt: z.string().nullable().default(null),
});

export type SuggestionView = z.output<typeof suggestionFieldsSchema> & {
  id: string;
  anchor: EncodedAnchor;
};

/** Where a new suggestion is anchored: at its quote, over the whole text, or at the end. */
export type SuggestionTarget = 'quote' | 'document' | 'end';

export interface NewSuggestion {
  id: string;
  kind: SuggestionKind;
  target: SuggestionTarget;
  /** The exact text targeted (for `document`, the document's markdown when it was written). */
  quote: string;
  content: string;
  rationale: string;
  runId: string | null;
  model: string | null;
  requestedBy: string | null;
  status: 'streaming' | 'pending';
}

export const suggestionsMap = (doc: Y.Doc): Y.Map<Y.Map<unknown>> =>
  doc.getMap<Y.Map<unknown>>('suggestions');
const richText = (doc: Y.Doc) => doc.getXmlFragment('default');

/** A suggestion's Y.Map; null when there is none or the entry is not a Y.Map. */
const suggestionEntry = (doc: Y.Doc, id: string): Y.Map<unknown> | null =>
  asYMap(suggestionsMap(doc).get(id));

function anchorFor(doc: Y.Doc, target: SuggestionTarget, quote: string): EncodedAnchor | null {
  if (target === 'document') return anchorWholeDocument(richText(doc));
  if (target === 'end') return anchorDocumentEnd(richText(doc));
  return anchorQuote(richText(doc), quote);
}

/**
 * Adds a suggestion, or refreshes one that is still undecided (a retried job writes the same
 * id). False when a person already decided it or its quote is not in the document.
 */
export function createSuggestion(doc: Y.Doc, draft: NewSuggestion): boolean {
  const existing = readSuggestion(doc, draft.id);
  if (existing && (existing.status === 'accepted' || existing.status === 'rejected')) return false;
  const anchor = anchorFor(doc, draft.target, draft.quote);
  if (!anchor) return false;
  doc.transact(() => {
    const map = suggestionsMap(doc);
    const entry = map.get(draft.id) ?? new Y.Map<unknown>();
    if (!map.has(draft.id)) map.set(draft.id, entry);
    entry.set('kind', draft.kind);
    entry.set('status', draft.status);
    entry.set('anchorFrom', anchor.from);
    entry.set('anchorTo', anchor.to);
    if (entry.has('anchor')) entry.delete('anchor');
    entry.set('quote', draft.quote);
    entry.set('content', draft.content);
    entry.set('rationale', draft.rationale);
    entry.set('runId', draft.runId);
    entry.set('model', draft.model);
    entry.set('requestedBy', draft.requestedBy);
    if (!entry.has('createdAt')) entry.set('createdAt', new Date().toISOString());
  });
  return true;
}

/** Streams text into an undecided suggestion (the whole text so far, not a delta). */
export function setSuggestionContent(
  doc: Y.Doc,
  id: string,
  content: string,
  status: 'streaming' | 'pending',
): void {
  const entry = suggestionEntry(doc, id);
  const current = entry?.get('status');
  if (!entry || current === 'accepted' || current === 'rejected') return;
  doc.transact(() => {
    if (entry.get('content') !== content) entry.set('content', content);
    if (current !== status) entry.set('status', status);
  });
}

/** Removes an undecided suggestion (a failed generation leaves nothing half-written). */
export function removeSuggestion(doc: Y.Doc, id: string): void {
  const status = suggestionEntry(doc, id)?.get('status');
  if (status === 'streaming' || status === 'pending') suggestionsMap(doc).delete(id);
}

/**
 * One entry of `suggestions` as a suggestion, or why it is not one: it must be a Y.Map whose
 * fields match the schema, and its anchor must decode (bytes that do not would throw later, in
 * every reader that positions the suggestion).
 */
function checkSuggestion(doc: Y.Doc, id: string, value: unknown): SuggestionView | SkippedEntry {
  const entry = asYMap(value);
  if (!entry) return notAMap(id, value);
  const stored = entry.toJSON();
  const fields = suggestionFieldsSchema.safeParse(stored);
  const anchor = storedAnchorSchema.safeParse(stored);
  const failed = !fields.success ? fields.error : !anchor.success ? anchor.error : null;
  if (failed || !fields.success || !anchor.success) {
    const issue = failed?.issues[0];
    return { key: id, reason: `${issue?.path.join('.') || 'anchor'}: ${issue?.message}` };
  }
  const suggestion = { ...fields.data, anchor: anchor.data, id };
  try {
    suggestionRange(doc, suggestion);
  } catch (error) {
    return { key: id, reason: `anchor does not decode: ${String(error)}` };
  }
  return suggestion;
}

const isSkipped = (checked: SuggestionView | SkippedEntry): checked is SkippedEntry =>
  'reason' in checked;

export function readSuggestion(doc: Y.Doc, id: string): SuggestionView | null {
  const checked = checkSuggestion(doc, id, suggestionsMap(doc).get(id));
  return isSkipped(checked) ? null : checked;
}

/** Every well-formed suggestion, oldest first, and the entries that are not suggestions. */
export function readSuggestions(doc: Y.Doc): {
  suggestions: SuggestionView[];
  skipped: SkippedEntry[];
} {
  const suggestions: SuggestionView[] = [];
  const skipped: SkippedEntry[] = [];
  for (const [id, value] of suggestionsMap(doc)) {
    const checked = checkSuggestion(doc, id, value);
    if (isSkipped(checked)) skipped.push(checked);
    else suggestions.push(checked);
  }
  suggestions.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  return { suggestions, skipped };
}

/** Every well-formed suggestion, oldest first; other entries are skipped. */
export const listSuggestions = (doc: Y.Doc): SuggestionView[] => readSuggestions(doc).suggestions;

/** The suggestion's current range in the text, or null when its target was removed. */
export function suggestionRange(doc: Y.Doc, suggestion: SuggestionView): ResolvedAnchor | null {
  return resolveAnchor(doc, suggestion.anchor);
}

/**
 * True when the text the suggestion targets changed since it was made: someone edited the
 * quoted words, deleted them, or edited a document offered for replacement. A stale
 * suggestion can still be accepted (at the current range) or rejected.
 */
export function isSuggestionStale(
  doc: Y.Doc,
  suggestion: SuggestionView,
  codec: MarkdownCodec,
): boolean {
  const range = suggestionRange(doc, suggestion);
  if (!range) return true;
  if (suggestion.quote === '') return false;
  if (range.type === 'text')
    return plainText(range.text).slice(range.from, range.to) !== suggestion.quote;
  return codec.toMarkdown(range.fragment).trim() !== suggestion.quote.trim();
}

function applyAtText(
  doc: Y.Doc,
  range: Extract<ResolvedAnchor, { type: 'text' }>,
  suggestion: SuggestionView,
  codec: MarkdownCodec,
): void {
  const fragment = richText(doc);
  if (suggestion.kind !== 'insert') range.text.delete(range.from, range.to - range.from);
  if (suggestion.kind === 'delete') return;
  const inline = suggestion.kind === 'replace' ? codec.toInline(suggestion.content) : null;
  if (inline) {
    // A phrase for a phrase: stays inside the paragraph, keeping the words around it. Explicit
    // attributes (even none) stop the new text inheriting the marks of the text before it.
    let at = range.from;
    for (const run of inline) {
      range.text.insert(at, run.insert, run.attributes ?? {});
      at += run.insert.length;
    }
    return;
  }
  const blocks = codec.toBlocks(suggestion.content);
  const enclosing = enclosingBlock(fragment, range.text);
  if (!enclosing) {
    fragment.insert(fragment.length, blocks);
    return;
  }
  const emptied = suggestion.kind === 'replace' && plainText(range.text).trim() === '';
  fragment.insert(enclosing.index + 1, blocks);
  if (emptied) fragment.delete(enclosing.index, 1);
}

function applyChange(doc: Y.Doc, suggestion: SuggestionView, codec: MarkdownCodec): void {
  const range = suggestionRange(doc, suggestion);
  const fragment = richText(doc);
  if (!range) {
    // The target is gone: an insertion or replacement still lands, at the end.
    if (suggestion.kind !== 'delete')
      fragment.insert(fragment.length, codec.toBlocks(suggestion.content));
    return;
  }
  if (range.type === 'text') {
    applyAtText(doc, range, suggestion, codec);
    return;
  }
  if (suggestion.kind !== 'insert') range.fragment.delete(range.from, range.to - range.from);
  if (suggestion.kind !== 'delete')
    range.fragment.insert(range.from, codec.toBlocks(suggestion.content));
}

export interface Decision {
  decidedBy: string;
  /** Transaction origin; the editor passes its sync-plugin key so Ctrl+Z can undo the change. */
  origin?: unknown;
  at?: Date;
}

export type DecisionResult = 'decided' | 'missing' | 'already-decided' | 'still-streaming';

function decide(
  doc: Y.Doc,
  id: string,
  status: 'accepted' | 'rejected',
  decision: Decision,
  change: (suggestion: SuggestionView) => void,
): DecisionResult {
  const suggestion = readSuggestion(doc, id);
  if (!suggestion) return 'missing';
  if (suggestion.status === 'accepted' || suggestion.status === 'rejected')
    return 'already-decided';
  if (status === 'accepted' && suggestion.status === 'streaming') return 'still-streaming';
  doc.transact(() => {
    change(suggestion);
    const entry = suggestionsMap(doc).get(id);
    entry?.set('status', status);
    entry?.set('decidedBy', decision.decidedBy);
    entry?.set('decidedAt', (decision.at ?? new Date()).toISOString());
  }, decision.origin ?? null);
  return 'decided';
}

/** Applies the suggestion to the text and marks it accepted, in one transaction. */
export function acceptSuggestion(
  doc: Y.Doc,
  id: string,
  decision: Decision & { codec: MarkdownCodec },
): DecisionResult {
  return decide(doc, id, 'accepted', decision, (s) => applyChange(doc, s, decision.codec));
}

/** Dismisses the suggestion; the text is left as it is. */
export function rejectSuggestion(doc: Y.Doc, id: string, decision: Decision): DecisionResult {
  return decide(doc, id, 'rejected', decision, () => undefined);
}
