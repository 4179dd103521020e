import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { z } from 'zod';
import type { CollabUser } from '../editor/collab-session.ts';
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

const peerSchema = z.object({
  user: z.object({ id: z.string(), name: z.string(), color: z.string() }),
  dragging: z.string().nullable().optional(),
});

export interface BoardPeer extends CollabUser {
  dragging: string | null;
}

/** Everyone on the board (one entry per person) and what each is dragging. */
export function useBoardPeers(session: BoardSession | null): BoardPeer[] {
  const [peers, setPeers] = useState<BoardPeer[]>([]);
  useEffect(() => {
    if (!session) return;
    const awareness = session.provider.awareness;
    const read = () => {
      const byId = new Map<string, BoardPeer>();
      for (const state of awareness.getStates().values()) {
        const parsed = peerSchema.safeParse(state);
        if (!parsed.success) continue;
        const previous = byId.get(parsed.data.user.id);
        byId.set(parsed.data.user.id, {
          ...parsed.data.user,
          dragging: parsed.data.dragging ?? previous?.dragging ?? null,
        });
      }
      setPeers([...byId.values()].sort((a, b) => a.name.localeCompare(b.name)));
    };
    read();
    awareness.on('change', read);
    return () => awareness.off('change', read);
  }, [session]);
  return peers;
}
