import type { BoardCard } from '@specboard/doc/board';
import { AvatarStack } from '../editor/avatar-stack.tsx';
import type { BoardSession } from './board-session.ts';
import { useBoardPeers } from './use-board.ts';

/**
 * Who is on the board and "<name> is moving <card>". Its own component, so a change of
 * awareness re-renders this list and the tiles concerned, not the whole board.
 */
export function BoardPresence({
  session,
  selfId,
  cards,
}: {
  session: BoardSession | null;
  selfId: string;
  cards: ReadonlyMap<string, BoardCard>;
}) {
  const peers = useBoardPeers(session);
  const movers = new Map(
    peers.filter((p) => p.id !== selfId && p.dragging).map((p) => [p.dragging, p.name]),
  );
  return (
    <div className="board-presence">
      <AvatarStack peers={peers} selfId={selfId} />
      <ul className="moving-list" aria-live="polite" data-testid="moving">
        {[...movers].map(([id, name]) => (
          <li key={`${name}-${id}`}>
            {name} is moving {cards.get(id ?? '')?.title ?? 'a card'}
          </li>
        ))}
      </ul>
    </div>
  );
}
