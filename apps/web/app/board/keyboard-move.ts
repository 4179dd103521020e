import type { BoardCard, BoardColumn } from '@specboard/doc/board';

/** Where a held card started, so Escape can put it back. */
export interface Grab {
  id: string;
  status: string;
  index: number;
}

export type KeyAction =
  | { kind: 'open' }
  | { kind: 'grab'; grab: Grab }
  | { kind: 'move'; status: string; index: number }
  | { kind: 'drop' }
  | { kind: 'cancel'; status: string; index: number }
  | null;

/**
 * The keyboard alternative to dragging: Enter opens a card, Space picks it up, arrows move it
 * (up/down within its column, left/right across columns), Space or Enter drops it and Escape
 * puts it back. Returns what to do, or null when the key is not ours (so Tab still works).
 */
export function keyboardAction(
  key: string,
  input: {
    card: BoardCard;
    status: string;
    columns: readonly BoardColumn[];
    column: readonly BoardCard[];
    lengthOf: (status: string) => number;
    grab: Grab | null;
    canEdit: boolean;
  },
): KeyAction {
  const { card, status, columns, column, grab } = input;
  const index = column.findIndex((c) => c.id === card.id);
  if (!grab) {
    if (key === 'Enter') return { kind: 'open' };
    if (key === ' ' && input.canEdit) return { kind: 'grab', grab: { id: card.id, status, index } };
    return null;
  }
  if (grab.id !== card.id) return null;
  switch (key) {
    case 'ArrowUp':
      return { kind: 'move', status, index: Math.max(0, index - 1) };
    case 'ArrowDown':
      return { kind: 'move', status, index: Math.min(column.length - 1, index + 1) };
    case 'ArrowLeft':
    case 'ArrowRight': {
      const at = columns.findIndex((c) => c.id === status) + (key === 'ArrowLeft' ? -1 : 1);
      const target = columns[at];
      if (!target) return { kind: 'move', status, index };
      return { kind: 'move', status: target.id, index: Math.min(index, input.lengthOf(target.id)) };
    }
    case ' ':
    case 'Enter':
      return { kind: 'drop' };
    case 'Escape':
      return { kind: 'cancel', status: grab.status, index: grab.index };
    default:
      return null;
  }
}
