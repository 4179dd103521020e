import type { BoardCard } from '@specboard/doc/board';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { type ReactNode, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';

/** A tile's height with a one-line title and one row of badges, measured in Chromium. */
const ESTIMATED_TILE_HEIGHT = 62;
/** `.column-cards`'s flex gap (0.4rem). */
const TILE_GAP = 6.4;
/** The window the server renders for (and the browser's first render, so hydration matches). */
const FIRST_SCREEN = { width: 1280, height: 900 };

/** What a tile needs from the list: its index and the ref that measures its height. */
export interface TilePlace {
  index: number;
  measure: (element: HTMLLIElement | null) => void;
}

/**
 * One column's cards, virtualised against the page's scroll: only the tiles on screen (and a few
 * beyond) are in the DOM; the space of the others is padding, so tiles stay in normal flow and a
 * tile measured taller moves only what is below it. The held card is scrolled into view.
 */
export function CardList({
  cards,
  total,
  heldId,
  tile,
}: {
  cards: readonly BoardCard[];
  /** How many cards the column has: more than `cards` while only its first screen is known. */
  total: number;
  heldId: string | null;
  tile: (card: BoardCard, place: TilePlace) => ReactNode;
}) {
  const listRef = useRef<HTMLUListElement>(null);
  const [top, setTop] = useState(0);
  useLayoutEffect(() => {
    const list = listRef.current;
    if (!list) return;
    const measured = list.getBoundingClientRect().top + window.scrollY;
    if (Math.abs(measured - top) >= 1) setTop(measured);
  });
  // Stable while the column's cards are: a new function makes the virtualiser recompute the
  // positions of all of the column's cards (2,000 in a big column) on every render.
  const getItemKey = useCallback((index: number) => cards[index]?.id ?? index, [cards]);
  const virtualizer = useWindowVirtualizer<HTMLLIElement>({
    count: total,
    estimateSize: () => ESTIMATED_TILE_HEIGHT,
    gap: TILE_GAP,
    overscan: 4,
    scrollMargin: top,
    initialRect: FIRST_SCREEN,
    getItemKey,
  });
  const items = virtualizer.getVirtualItems();
  const held = heldId === null ? -1 : cards.findIndex((card) => card.id === heldId);
  const heldShown = items.some((item) => item.index === held);
  useEffect(() => {
    if (held >= 0 && !heldShown) virtualizer.scrollToIndex(held, { align: 'auto' });
  }, [held, heldShown, virtualizer]);

  const first = items[0];
  const last = items.at(-1);
  const paddingTop = first ? first.start - top : 0;
  const paddingBottom = last ? virtualizer.getTotalSize() - (last.end - top) : 0;
  return (
    <ul className="column-cards" ref={listRef} style={{ paddingTop, paddingBottom }}>
      {items.map((item) => {
        const card = cards[item.index];
        return card ? tile(card, { index: item.index, measure: virtualizer.measureElement }) : null;
      })}
    </ul>
  );
}
