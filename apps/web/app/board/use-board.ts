import { useCallback, useSyncExternalStore } from 'react';
import type { BoardPeer } from './board-peers.ts';
import type { BoardSession } from './board-session.ts';
import type { BoardState, LiveBoard } from './live-board.ts';

/**
 * The board as React state: the loader's rows until the session has synced, then the live
 * document. A change is rendered synchronously (no extra frame), reading only changed cards.
 */
export function useBoard(board: LiveBoard, session: BoardSession | null): BoardState {
  const subscribe = useCallback(
    (notify: () => void) => (session ? board.subscribe(session, notify) : () => {}),
    [board, session],
  );
  return useSyncExternalStore(
    subscribe,
    () => board.snapshot(),
    () => board.initial(),
  );
}

const noPeers: BoardPeer[] = [];
const nothing = () => () => {};

/** Everyone on the board (one entry per person) and what each is dragging. */
export function useBoardPeers(session: BoardSession | null): BoardPeer[] {
  const peers = session?.peers;
  return useSyncExternalStore(
    peers?.subscribe ?? nothing,
    peers?.list ?? (() => noPeers),
    () => noPeers,
  );
}

/** The name of the other person moving `cardId`, or null; re-renders only when that changes. */
export function useMovingBy(
  session: BoardSession | null,
  cardId: string,
  selfId: string,
): string | null {
  const peers = session?.peers;
  return useSyncExternalStore(
    peers?.subscribe ?? nothing,
    () => peers?.movingBy(cardId, selfId) ?? null,
    () => null,
  );
}
