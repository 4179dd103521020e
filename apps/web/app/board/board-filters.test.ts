import { type BoardCard, blankCard } from '@specboard/doc/board';
import { describe, expect, it } from 'vitest';
import { indexInColumn, matchesFilters, noFilters } from './board-filters.ts';

const card = (id: string, patch: Partial<BoardCard> = {}): BoardCard => ({
  ...blankCard(id, id),
  status: 'todo',
  order: 'a0',
  ...patch,
});

describe('board filters', () => {
  it('filters by label, assignee and epic', () => {
    const c = card('a', { labels: ['ui'], assigneeId: 'u1', epicTitle: 'Accounts' });
    expect(matchesFilters(c, noFilters)).toBe(true);
    expect(matchesFilters(c, { ...noFilters, label: 'ui', epic: 'Accounts' })).toBe(true);
    expect(matchesFilters(c, { ...noFilters, assignee: 'u2' })).toBe(false);
  });

  it('maps a drop among visible cards to an index in the whole column', () => {
    const column = ['a', 'b', 'c', 'd'].map((id) => card(id));
    expect(indexInColumn(column, 'a', 'd', 'c')).toBe(2);
    expect(indexInColumn(column, 'x', null, 'b')).toBe(2);
    expect(indexInColumn(column, 'x', null, null)).toBe(4);
  });
});
