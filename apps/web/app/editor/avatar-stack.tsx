import type { CollabUser } from './collab-session.ts';
import { initialsOf } from './user-color.ts';

const MAX_SHOWN = 5;

export function AvatarStack({ peers, selfId }: { peers: CollabUser[]; selfId: string }) {
  const shown = peers.slice(0, MAX_SHOWN);
  const hidden = peers.length - shown.length;
  return (
    <ul className="avatar-stack" aria-label={`${peers.length} here now`} data-testid="avatar-stack">
      {shown.map((peer) => (
        <li
          key={peer.id}
          className="avatar"
          style={{ backgroundColor: peer.color }}
          title={peer.id === selfId ? `${peer.name} (you)` : peer.name}
          data-peer={peer.name}
        >
          {initialsOf(peer.name)}
        </li>
      ))}
      {hidden > 0 ? <li className="avatar more">+{hidden}</li> : null}
    </ul>
  );
}
