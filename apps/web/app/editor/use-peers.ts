import { useEffect, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import { z } from 'zod';
import type { CollabUser } from './collab-session.ts';

const awarenessUserSchema = z.object({ id: z.string(), name: z.string(), color: z.string() });

const samePeers = (a: readonly CollabUser[], b: readonly CollabUser[]) =>
  a.length === b.length &&
  a.every((p, i) => p.id === b[i]?.id && p.name === b[i]?.name && p.color === b[i]?.color);

/** Everyone with this document open right now (one entry per person, however many tabs). */
export function usePeers(provider: WebsocketProvider): CollabUser[] {
  const [peers, setPeers] = useState<CollabUser[]>([]);
  useEffect(() => {
    const awareness = provider.awareness;
    const read = () => {
      const byId = new Map<string, CollabUser>();
      for (const state of awareness.getStates().values()) {
        const user = awarenessUserSchema.safeParse(state.user);
        if (user.success) byId.set(user.data.id, user.data);
      }
      const next = [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
      // Carets move on every keystroke of every peer; only a change of who is here re-renders.
      setPeers((current) => (samePeers(current, next) ? current : next));
    };
    read();
    awareness.on('change', read);
    return () => awareness.off('change', read);
  }, [provider]);
  return peers;
}
