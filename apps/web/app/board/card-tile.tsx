import type { BoardCard } from '@specboard/doc/board';
import { memo, useEffect, useRef } from 'react';
import { initialsOf } from '../editor/user-color.ts';
import type { BoardSession } from './board-session.ts';
import type { TilePlace } from './card-list.tsx';
import { useMovingBy } from './use-board.ts';
import type { CardMoves } from './use-card-moves.ts';

export interface CardTileProps {
  card: BoardCard;
  listKey: string;
  status: string;
  blocked: boolean;
  grabbed: boolean;
  /** Tells who else is moving this card (awareness); null until the websocket is open. */
  session: BoardSession | null;
  selfId: string;
  drift: string | null;
  /** A conflict or failed push with another tool (Jira…), from the last page load. */
  syncIssue: string | null;
  canEdit: boolean;
  moves: CardMoves;
  place: TilePlace;
}

/** One card: draggable with the mouse, and with the keyboard (Space to pick up, arrows, Space). */
function CardTileView(props: CardTileProps) {
  const { card, moves } = props;
  const button = useRef<HTMLButtonElement>(null);
  const movingBy = useMovingBy(props.session, card.id, props.selfId);
  // A held card scrolled back into view (or moved to another column) is a new tile: it takes focus.
  useEffect(() => {
    if (props.grabbed) button.current?.focus();
  }, [props.grabbed]);
  const classes = ['card-tile'];
  if (props.grabbed) classes.push('grabbed');
  if (movingBy) classes.push('moving');
  return (
    <li
      className={classes.join(' ')}
      data-card-id={card.id}
      data-testid="card"
      data-index={props.place.index}
      ref={props.place.measure}
    >
      <button
        ref={button}
        type="button"
        className="card-body"
        data-card-button={card.id}
        draggable={props.canEdit}
        aria-roledescription="Draggable card"
        aria-pressed={props.grabbed}
        aria-label={`${card.title}${props.blocked ? ', blocked' : ''}${props.drift ? ', spec changed' : ''}`}
        onClick={() => moves.click(card.id)}
        onKeyDown={(event) => moves.keyDown(card.id, event)}
        onKeyUp={moves.keyUp}
        onDragStart={(event) => moves.dragStart(card.id, event)}
        onDragEnd={moves.dragEnd}
        onDragOver={moves.dragOver}
        onDrop={(event) => moves.dropOnCard(props.listKey, props.status, card.id, event)}
      >
        <span className="card-title">{card.title}</span>
        <span className="card-meta">
          {props.blocked ? <span className="badge blocked">Blocked</span> : null}
          {card.labels.map((label) => (
            <span key={label} className="badge label">
              {label}
            </span>
          ))}
          {card.estimate === null ? null : <span className="badge estimate">{card.estimate}</span>}
          {card.assigneeName ? (
            <span className="avatar small" title={card.assigneeName}>
              {initialsOf(card.assigneeName)}
            </span>
          ) : null}
        </span>
        {movingBy ? <span className="card-moving">{movingBy} is moving this</span> : null}
      </button>
      {props.drift ? (
        <a
          className="badge drift"
          href={props.drift}
          title="The PRD section this card came from changed since its version"
          data-testid="drift-marker"
        >
          Spec changed
        </a>
      ) : null}
      {props.syncIssue ? (
        <span className="badge warning" title={props.syncIssue} data-testid="sync-issue">
          {props.syncIssue.includes(': conflict') ? 'Sync conflict' : 'Sync failed'}
        </span>
      ) : null}
    </li>
  );
}

/**
 * An unchanged card keeps its object across board updates (`BoardCardCache`), so tiles compare
 * their card by identity: with 2,000 cards, a move re-renders the moved card, not the board.
 */
export const CardTile = memo(
  CardTileView,
  (before, after) =>
    before.listKey === after.listKey &&
    before.status === after.status &&
    before.blocked === after.blocked &&
    before.grabbed === after.grabbed &&
    before.session === after.session &&
    before.selfId === after.selfId &&
    before.drift === after.drift &&
    before.syncIssue === after.syncIssue &&
    before.canEdit === after.canEdit &&
    before.moves === after.moves &&
    before.place.index === after.place.index &&
    before.place.measure === after.place.measure &&
    before.card === after.card,
);
