import type { BoardCard } from '@specboard/doc/board';

export interface BoardFilters {
  label: string;
  assignee: string;
  epic: string;
}

export const noFilters: BoardFilters = { label: '', assignee: '', epic: '' };

export const NO_EPIC = '__none__';

export function laneOf(card: BoardCard): string {
  return card.epicTitle ?? NO_EPIC;
}

export function matchesFilters(card: BoardCard, filters: BoardFilters): boolean {
  if (filters.label && !card.labels.includes(filters.label)) return false;
  if (filters.assignee && card.assigneeId !== filters.assignee) return false;
  if (filters.epic && laneOf(card) !== filters.epic) return false;
  return true;
}

/** Options for the filter menus, from the cards on the board. */
export function filterOptions(cards: readonly BoardCard[]) {
  const labels = new Set<string>();
  const epics = new Set<string>();
  for (const card of cards) {
    for (const label of card.labels) labels.add(label);
    epics.add(laneOf(card));
  }
  return {
    labels: [...labels].sort(),
    epics: [...epics].sort((a, b) => (a === NO_EPIC ? 1 : b === NO_EPIC ? -1 : a.localeCompare(b))),
  };
}

/**
 * Where a drop lands in the whole column, given the visible neighbour it was dropped before
 * (null = after the last visible card). Filters and swimlanes hide cards, so the index the
 * board model needs is counted in the full column without the moving card.
 */
export function indexInColumn(
  column: readonly BoardCard[],
  movingId: string,
  beforeId: string | null,
  lastVisibleId: string | null,
): number {
  const others = column.filter((card) => card.id !== movingId);
  if (beforeId) {
    const at = others.findIndex((card) => card.id === beforeId);
    if (at >= 0) return at;
  }
  if (lastVisibleId) {
    const at = others.findIndex((card) => card.id === lastVisibleId);
    if (at >= 0) return at + 1;
  }
  return others.length;
}
