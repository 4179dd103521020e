import type { Awareness } from 'y-protocols/awareness';
import { z } from 'zod';
import type { CollabUser } from '../editor/collab-session.ts';

const peerSchema = z.object({
  user: z.object({ id: z.string(), name: z.string(), color: z.string() }),
  dragging: z.string().nullable().optional(),
});

export interface BoardPeer extends CollabUser {
  dragging: string | null;
}

/**
 * Everyone on the board (one entry per person, by name) and what each is dragging, read from
 * awareness once per change and shared by every reader: the presence list and each card tile,
 * which re-renders only when the person moving it changes, not the whole board.
 */
export class BoardPeers {
  readonly #awareness: Awareness;
  #peers: BoardPeer[] | null = null;

  constructor(awareness: Awareness) {
    this.#awareness = awareness;
    // Registered before any reader's listener, so readers notified of a change read it.
    awareness.on('change', () => {
      this.#peers = null;
    });
  }

  readonly subscribe = (notify: () => void): (() => void) => {
    this.#awareness.on('change', notify);
    return () => this.#awareness.off('change', notify);
  };

  /** The same array until awareness changes. */
  readonly list = (): BoardPeer[] => {
    this.#peers ??= readPeers(this.#awareness);
    return this.#peers;
  };

  /** Who (other than `selfId`) is moving `cardId`; with two, the later by name, as listed. */
  movingBy(cardId: string, selfId: string): string | null {
    let name: string | null = null;
    for (const peer of this.list()) {
      if (peer.id !== selfId && peer.dragging === cardId) name = peer.name;
    }
    return name;
  }
}

function readPeers(awareness: Awareness): BoardPeer[] {
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
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
}
