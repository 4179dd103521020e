import { type BoardCard, type BoardColumn, readCards, readColumns } from '@specboard/doc/board';
import { BoardCardCache } from '@specboard/doc/board-cache';
import { type Proposal, readProposals } from '@specboard/doc/board-proposals';
import { useEffect, useState } from 'react';
import { z } from 'zod';
import type { CollabUser } from '../editor/collab-session.ts';
import type { BoardSession } from './board-session.ts';

export interface BoardState {
  synced: boolean;
  cards: BoardCard[];
  columns: BoardColumn[];
  proposals: Proposal[];
}

function readBoard(session: BoardSession, cards: BoardCardCache): BoardState {
  return {
    synced: session.provider.synced,
    cards: cards.read(),
    columns: readColumns(session.doc),
    proposals: readProposals(session.doc),
  };
}

/**
 * The board as React state, re-read after every change (local or remote) in one frame. Cards
 * that did not change keep their object, so their tiles do not re-render.
 */
export function useBoard(session: BoardSession): BoardState {
  const [state, setState] = useState<BoardState>(() => ({
    synced: session.provider.synced,
    cards: readCards(session.doc),
    columns: readColumns(session.doc),
    proposals: readProposals(session.doc),
  }));
  useEffect(() => {
    const cards = new BoardCardCache(session.doc);
    let frame = 0;
    const schedule = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => setState(readBoard(session, cards)));
    };
    session.doc.on('update', schedule);
    session.provider.on('sync', schedule);
    schedule();
    return () => {
      cancelAnimationFrame(frame);
      session.doc.off('update', schedule);
      session.provider.off('sync', schedule);
      cards.destroy();
    };
  }, [session]);
  return state;
}

const peerSchema = z.object({
  user: z.object({ id: z.string(), name: z.string(), color: z.string() }),
  dragging: z.string().nullable().optional(),
});

export interface BoardPeer extends CollabUser {
  dragging: string | null;
}

/** Everyone on the board (one entry per person) and what each is dragging. */
export function useBoardPeers(session: BoardSession): BoardPeer[] {
  const [peers, setPeers] = useState<BoardPeer[]>([]);
  useEffect(() => {
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
