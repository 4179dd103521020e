import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  blankCard,
  type CardDraft,
  editCard,
  insertCards,
  moveCard,
  readCards,
  removeCard,
} from './board.ts';
import { BoardCardCache } from './board-cache.ts';

const draft = (n: number): CardDraft => blankCard(`card-${n}`, `Card ${n}`);

describe('board card cache', () => {
  it('re-reads only the cards that changed, locally or from another client', () => {
    const doc = new Y.Doc();
    const cache = new BoardCardCache(doc);
    insertCards(doc, [1, 2, 3].map(draft));
    const before = cache.read();
    expect(before).toEqual(readCards(doc));

    moveCard(doc, 'card-1', 'done', 0);
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    editCard(other, 'card-2', { title: 'Renamed elsewhere' });
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
    const after = cache.read();
    expect(after).toEqual(readCards(doc));
    const byId = (cards: typeof before, id: string) => cards.find((c) => c.id === id);
    expect(byId(after, 'card-3')).toBe(byId(before, 'card-3'));
    expect(byId(after, 'card-1')?.status).toBe('done');
    expect(byId(after, 'card-2')?.title).toBe('Renamed elsewhere');

    removeCard(doc, 'card-3');
    expect(cache.read().map((c) => c.id)).not.toContain('card-3');
    cache.destroy();
  });
});
