import { generateKeyBetween } from 'fractional-indexing';

interface Ordered {
  id: string;
  order: string;
}

/**
 * Board order: by fractional-index key compared bytewise (as Postgres `collate "C"` does), then
 * by id, so two cards that were given the same key concurrently still sort identically for all.
 */
export function compareOrder(a: Ordered, b: Ordered): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function sortCards<T extends Ordered>(cards: readonly T[]): T[] {
  return [...cards].sort(compareOrder);
}

const validKey = (key: string): boolean => {
  try {
    generateKeyBetween(key, null);
    return true;
  } catch {
    return false;
  }
};

/**
 * A key that sorts between the cards at `index - 1` and `index` of a sorted column. When the
 * neighbours share a key (concurrent inserts), the next strictly greater key is the upper bound.
 */
export function keyAtIndex(column: readonly Ordered[], index: number): string {
  const sorted = sortCards(column).filter((card) => validKey(card.order));
  const lower = index > 0 ? (sorted[index - 1]?.order ?? null) : null;
  let upper: string | null = null;
  for (let i = index; i < sorted.length; i++) {
    const order = sorted[i]?.order;
    if (order !== undefined && (lower === null || order > lower)) {
      upper = order;
      break;
    }
  }
  return generateKeyBetween(lower, upper);
}
