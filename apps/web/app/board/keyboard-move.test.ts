import { type BoardCard, blankCard, defaultColumns } from '@specboard/doc/board';
import { describe, expect, it } from 'vitest';
import { keyboardAction } from './keyboard-move.ts';

const card = (id: string): BoardCard => ({ ...blankCard(id, id), status: 'todo', order: 'a0' });

const column = [card('a'), card('b'), card('c')];
const base = {
  card: card('b'),
  status: 'todo',
  columns: defaultColumns,
  column,
  lengthOf: () => 2,
  canEdit: true,
};

describe('keyboard moves', () => {
  it('opens with Enter and picks up with Space (editors only)', () => {
    expect(keyboardAction('Enter', { ...base, grab: null })).toEqual({ kind: 'open' });
    expect(keyboardAction(' ', { ...base, grab: null })).toEqual({
      kind: 'grab',
      grab: { id: 'b', status: 'todo', index: 1 },
    });
    expect(keyboardAction(' ', { ...base, grab: null, canEdit: false })).toBeNull();
  });

  it('moves a held card with the arrows, drops it and cancels back to where it was', () => {
    const grab = { id: 'b', status: 'todo', index: 1 };
    expect(keyboardAction('ArrowUp', { ...base, grab })).toEqual({
      kind: 'move',
      status: 'todo',
      index: 0,
    });
    expect(keyboardAction('ArrowRight', { ...base, grab })).toEqual({
      kind: 'move',
      status: 'in_progress',
      index: 1,
    });
    expect(keyboardAction('ArrowLeft', { ...base, grab })).toEqual({
      kind: 'move',
      status: 'todo',
      index: 1,
    });
    expect(keyboardAction(' ', { ...base, grab })).toEqual({ kind: 'drop' });
    expect(keyboardAction('Escape', { ...base, grab })).toEqual({
      kind: 'cancel',
      status: 'todo',
      index: 1,
    });
    expect(keyboardAction('Tab', { ...base, grab })).toBeNull();
  });
});
