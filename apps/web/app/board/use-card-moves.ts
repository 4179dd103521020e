import { type BoardCard, type BoardColumn, moveCard } from '@specboard/doc/board';
import { type DragEvent, type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { indexInColumn } from './board-filters.ts';
import type { BoardSession } from './board-session.ts';
import { type Grab, keyboardAction } from './keyboard-move.ts';

export interface CardMovesInput {
  doc: Y.Doc;
  /** Null until the websocket is open: nobody can be told who is dragging yet. */
  session: BoardSession | null;
  columns: readonly BoardColumn[];
  /** Every card of each column, in order (unfiltered). */
  full: ReadonlyMap<string, BoardCard[]>;
  /** The cards each list on screen shows (by list key), after filters and swimlanes. */
  visible: ReadonlyMap<string, readonly BoardCard[]>;
  canEdit: boolean;
  open(id: string): void;
}

/** Stable handlers for every card tile (they read the latest board through a ref). */
export interface CardMoves {
  keyDown(cardId: string, event: KeyboardEvent<HTMLElement>): void;
  keyUp(): void;
  click(cardId: string): void;
  dragStart(cardId: string, event: DragEvent<HTMLElement>): void;
  dragEnd(): void;
  dragOver(event: DragEvent<HTMLElement>): void;
  /** Drop on a card: before it when over its top half, else after it. */
  dropOnCard(listKey: string, status: string, cardId: string, event: DragEvent<HTMLElement>): void;
  /** Drop on a column's empty space: after the last card of that list. */
  dropOnList(listKey: string, status: string, event: DragEvent<HTMLElement>): void;
}

const statusOf = (
  columns: readonly BoardColumn[],
  full: ReadonlyMap<string, BoardCard[]>,
  card: BoardCard,
) => (full.has(card.status) ? card.status : (columns[0]?.id ?? card.status));

/**
 * Moving cards with the mouse (HTML drag and drop) and the keyboard (Space, arrows, Space or
 * Escape), announcing each step for screen readers and telling the others who is moving what
 * through awareness (`dragging`). While a card is held, keys are read at the window, so a key
 * pressed while the card re-renders in its new column is never lost.
 */
export function useCardMoves(input: CardMovesInput) {
  const [grab, setGrab] = useState<Grab | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const latest = useRef({ ...input, grab, dragId: null as string | null, suppressClick: false });
  latest.current = { ...latest.current, ...input, grab };

  useEffect(() => {
    if (grab) document.querySelector<HTMLElement>(`[data-card-button="${grab.id}"]`)?.focus();
  });

  const moves = useMemo(() => {
    const now = () => latest.current;
    const cardById = (id: string) => {
      for (const list of now().full.values()) {
        const found = list.find((c) => c.id === id);
        if (found) return found;
      }
      return undefined;
    };
    const columnTitle = (id: string) => now().columns.find((c) => c.id === id)?.title ?? id;
    const move = (id: string, status: string, index: number) => {
      if (now().canEdit) moveCard(now().doc, id, status, index);
    };
    const finish = (message: string) => {
      now().grab = null;
      setGrab(null);
      now().session?.setDragging(null);
      setAnnouncement(message);
    };
    const handleKey = (
      card: BoardCard,
      event: { key: string; preventDefault(): void },
    ): boolean => {
      const { columns, full, canEdit } = now();
      const status = statusOf(columns, full, card);
      const action = keyboardAction(event.key, {
        card,
        status,
        columns,
        column: full.get(status) ?? [],
        lengthOf: (id) => full.get(id)?.length ?? 0,
        grab: now().grab,
        canEdit,
      });
      if (!action) return false;
      event.preventDefault();
      // Space picks up and drops; the click a button fires on its keyup must not open the drawer.
      if (event.key === ' ') now().suppressClick = true;
      switch (action.kind) {
        case 'open':
          now().open(card.id);
          return true;
        case 'grab':
          now().grab = action.grab;
          setGrab(action.grab);
          now().session?.setDragging(card.id);
          setAnnouncement(
            `Picked up ${card.title}. Arrows move it, Space drops it, Escape cancels.`,
          );
          return true;
        case 'move':
          move(card.id, action.status, action.index);
          setAnnouncement(`${card.title}: ${columnTitle(action.status)}, ${action.index + 1}.`);
          return true;
        case 'drop':
          finish(`${card.title} dropped in ${columnTitle(status)}.`);
          return true;
        case 'cancel':
          move(card.id, action.status, action.index);
          finish(`Move cancelled; ${card.title} is back in ${columnTitle(action.status)}.`);
          return true;
      }
    };
    const drop = (status: string, beforeId: string | null, lastVisibleId: string | null) => {
      const dragged = now().dragId;
      if (!dragged) return;
      const column = now().full.get(status) ?? [];
      move(dragged, status, indexInColumn(column, dragged, beforeId, lastVisibleId));
      setAnnouncement(`${cardById(dragged)?.title ?? 'The card'} moved to ${columnTitle(status)}.`);
    };
    const api: CardMoves & { heldKey(event: globalThis.KeyboardEvent): void } = {
      heldKey(event) {
        const held = now().grab;
        const card = held ? cardById(held.id) : undefined;
        // Handled here, the key must not reach the card too (it would pick the card up again).
        if (card && handleKey(card, event)) event.stopPropagation();
      },
      keyDown(cardId, event) {
        const card = cardById(cardId);
        if (card && !now().grab) handleKey(card, event);
      },
      keyUp() {
        setTimeout(() => {
          now().suppressClick = false;
        }, 0);
      },
      click(cardId) {
        if (!now().suppressClick && !now().grab) now().open(cardId);
      },
      dragStart(cardId, event) {
        event.dataTransfer.setData('text/plain', cardId);
        event.dataTransfer.effectAllowed = 'move';
        now().dragId = cardId;
        now().session?.setDragging(cardId);
      },
      dragEnd() {
        now().dragId = null;
        now().session?.setDragging(null);
      },
      dragOver(event) {
        if (now().dragId) event.preventDefault();
      },
      dropOnCard(listKey, status, cardId, event) {
        event.preventDefault();
        event.stopPropagation();
        const list = now().visible.get(listKey) ?? [];
        const box = event.currentTarget.getBoundingClientRect();
        if (event.clientY < box.top + box.height / 2) {
          drop(status, cardId, null);
        } else {
          const next = list[list.findIndex((c) => c.id === cardId) + 1];
          drop(status, next?.id ?? null, cardId);
        }
      },
      dropOnList(listKey, status, event) {
        event.preventDefault();
        drop(status, null, now().visible.get(listKey)?.at(-1)?.id ?? null);
      },
    };
    return api;
  }, []);

  useEffect(() => {
    if (!grab) return;
    window.addEventListener('keydown', moves.heldKey, true);
    return () => window.removeEventListener('keydown', moves.heldKey, true);
  }, [grab, moves]);

  return { grab, announcement, moves };
}
