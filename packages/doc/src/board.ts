import * as Y from 'yjs';
import { type BoardCard, boardCardSchema, type CardDraft, type CardEdit } from './board-card.ts';
import { readColumns } from './board-columns.ts';
import { keyAtIndex, sortCards } from './board-order.ts';
import { asYMap, notAMap, type SkippedEntry } from './skipped-entries.ts';

/**
 * The board document model (ARCHITECTURE.md §3): `getMap('tasks')` holds one Y.Map per card,
 * positioned by `status` (a column id) and `order` (a fractional-index key). Every function
 * changes the given Y.Doc in one transaction and does no I/O, so the browser, the worker and
 * tests share it.
 */

export * from './board-card.ts';
export * from './board-columns.ts';
export { sortCards } from './board-order.ts';

/** The cards map. Values are `unknown`: any client can write anything there. */
export const tasksOf = (doc: Y.Doc): Y.Map<unknown> => doc.getMap<unknown>('tasks');

/** A card's Y.Map; null when there is none or the entry is not a Y.Map. */
export const cardEntry = (doc: Y.Doc, id: string): Y.Map<unknown> | null =>
  asYMap(tasksOf(doc).get(id));

export function readCard(id: string, entry: Y.Map<unknown>): BoardCard {
  return boardCardSchema.parse({ ...entry.toJSON(), id });
}

export type CardCheck = { card: BoardCard } | { skipped: SkippedEntry };

/**
 * One entry of `tasks` as a card. Only a Y.Map is a card; within one, a field of the wrong type
 * falls back to its default (see `boardCardSchema`, which cannot fail on a Y.Map's fields), so
 * the card stays visible and fixable.
 */
export function checkCard(id: string, value: unknown): CardCheck {
  const entry = asYMap(value);
  return entry ? { card: readCard(id, entry) } : { skipped: notAMap(id, value) };
}

/** Where a card sits: what ordering and placing need, without parsing its other fields. */
interface CardPosition {
  id: string;
  status: string;
  order: string;
}

/**
 * Every card's column and order key, read as `boardCardSchema` reads them (a value of the wrong
 * type falls back to 'todo' and 'a0'). A move on a board of 2,000 cards reads these two fields
 * of each card instead of parsing every card, which cost the mover's browser ~10 ms per move
 * before its update left (docs/decisions/019-board-latency.md).
 */
function cardPositions(doc: Y.Doc): CardPosition[] {
  const positions: CardPosition[] = [];
  for (const [id, value] of tasksOf(doc)) {
    const entry = asYMap(value);
    if (!entry) continue;
    const status = entry.get('status');
    const order = entry.get('order');
    positions.push({
      id,
      status: typeof status === 'string' ? status : 'todo',
      order: typeof order === 'string' ? order : 'a0',
    });
  }
  return positions;
}

/** Every card in board order, and the entries that are not cards. */
export function readBoardCards(doc: Y.Doc): { cards: BoardCard[]; skipped: SkippedEntry[] } {
  const cards: BoardCard[] = [];
  const skipped: SkippedEntry[] = [];
  for (const [id, value] of tasksOf(doc)) {
    const checked = checkCard(id, value);
    if ('card' in checked) cards.push(checked.card);
    else skipped.push(checked.skipped);
  }
  return { cards: sortCards(cards), skipped };
}

/** Every card, in board order (column order is the caller's: see `cardsByColumn`). */
export const readCards = (doc: Y.Doc): BoardCard[] => readBoardCards(doc).cards;

/** Cards grouped by column id, each list in order; cards of unknown columns go to the first. */
export function cardsByColumn(doc: Y.Doc, cards = readCards(doc)): Map<string, BoardCard[]> {
  const columns = readColumns(doc);
  const groups = new Map<string, BoardCard[]>(columns.map((c) => [c.id, []]));
  const fallback = columns[0]?.id ?? 'todo';
  for (const card of cards) {
    const list = groups.get(card.status) ?? groups.get(fallback);
    list?.push(card);
  }
  return groups;
}

function setFields(entry: Y.Map<unknown>, fields: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined || key === 'id') continue;
    const current = entry.get(key);
    if (JSON.stringify(current) !== JSON.stringify(value)) entry.set(key, value);
  }
}

/**
 * Inserts cards at the end of their column (the first column unless a status is given), in the
 * given order. Cards already on the board are left alone, so a retried insert adds nothing twice.
 */
export function insertCards(doc: Y.Doc, drafts: readonly CardDraft[]): string[] {
  const inserted: string[] = [];
  doc.transact(() => {
    const board = tasksOf(doc);
    const first = readColumns(doc)[0]?.id ?? 'todo';
    const columns = Map.groupBy(sortCards(cardPositions(doc)), (card) => card.status);
    for (const draft of drafts) {
      if (board.has(draft.id)) continue;
      const status = draft.status ?? first;
      const column = columns.get(status) ?? [];
      const order = keyAtIndex(column.slice(-1), 1);
      const entry = new Y.Map<unknown>();
      board.set(draft.id, entry);
      setFields(entry, { ...draft, status, order });
      columns.set(status, [...column.slice(-1), { id: draft.id, status, order }]);
      inserted.push(draft.id);
    }
  });
  return inserted;
}

/**
 * Moves a card to `index` of column `status` (index counted without the card itself). Status
 * and order are always written together, so concurrent moves of one card resolve to one of
 * the moves for every peer (Yjs picks the same winner for both keys).
 */
export function moveCard(doc: Y.Doc, id: string, status: string, index: number): boolean {
  const entry = cardEntry(doc, id);
  if (!entry) return false;
  const column = cardPositions(doc).filter((card) => card.status === status && card.id !== id);
  const order = keyAtIndex(column, Math.max(0, Math.min(index, column.length)));
  doc.transact(() => {
    entry.set('status', status);
    entry.set('order', order);
  });
  return true;
}

/** Changes a card's fields; unchanged values are not rewritten (no needless updates). */
export function editCard(doc: Y.Doc, id: string, edit: CardEdit): boolean {
  const entry = cardEntry(doc, id);
  if (!entry) return false;
  doc.transact(() => setFields(entry, edit));
  return true;
}

export function removeCard(doc: Y.Doc, id: string): boolean {
  if (!tasksOf(doc).has(id)) return false;
  doc.transact(() => tasksOf(doc).delete(id));
  return true;
}

/** Toggles one acceptance criterion of a card's checklist. */
export function toggleCriterion(doc: Y.Doc, id: string, index: number): void {
  const entry = cardEntry(doc, id);
  if (!entry) return;
  const criteria = readCard(id, entry).acceptanceCriteria.map((c, i) =>
    i === index ? { ...c, done: !c.done } : c,
  );
  doc.transact(() => entry.set('acceptanceCriteria', criteria));
}
