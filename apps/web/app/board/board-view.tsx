import {
  type BoardCard,
  type BoardColumn,
  editCard,
  insertCards,
  removeCard,
  toggleCriterion,
} from '@specboard/doc/board';
import { acceptProposal, rejectProposal } from '@specboard/doc/board-proposals';
import { useMemo, useState } from 'react';
import { AvatarStack } from '../editor/avatar-stack.tsx';
import { AddColumn } from './add-column.tsx';
import type { BoardLoaderData } from './board.server.ts';
import {
  type BoardFilters,
  filterOptions,
  laneOf,
  matchesFilters,
  NO_EPIC,
  noFilters,
} from './board-filters.ts';
import type { BoardSession } from './board-session.ts';
import { BoardToolbar } from './board-toolbar.tsx';
import { CardDrawer } from './card-drawer.tsx';
import { cardLinks } from './card-links.ts';
import { CardTile } from './card-tile.tsx';
import { ColumnHeader } from './column-header.tsx';
import { newCard } from './new-card.ts';
import { ProposalsPanel } from './proposals-panel.tsx';
import { useBoard, useBoardPeers } from './use-board.ts';
import { useCardMoves } from './use-card-moves.ts';
import { useSources } from './use-sources.ts';

type BoardData = Omit<BoardLoaderData, 'token'>;

function groupByColumn(columns: readonly BoardColumn[], cards: readonly BoardCard[]) {
  const groups = new Map<string, BoardCard[]>(columns.map((c) => [c.id, []]));
  const first = columns[0]?.id ?? 'todo';
  for (const card of cards) (groups.get(card.status) ?? groups.get(first))?.push(card);
  return groups;
}

/** The live Kanban: every move is a Yjs write on `board:<projectId>`, seen by all at once. */
export function BoardView({
  session,
  data,
  orgId,
}: {
  session: BoardSession;
  data: BoardData;
  orgId: string;
}) {
  const board = useBoard(session);
  const peers = useBoardPeers(session);
  const boardBase = `/orgs/${orgId}/projects/${data.project.id}/board`;
  const sources = useSources(boardBase, data.sources, board.cards);
  const [filters, setFilters] = useState<BoardFilters>(noFilters);
  const [swimlanes, setSwimlanes] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const { canEdit } = data;
  const columns = board.columns;
  const full = useMemo(() => groupByColumn(columns, board.cards), [columns, board.cards]);
  const byId = useMemo(() => new Map(board.cards.map((c) => [c.id, c])), [board.cards]);
  const doneColumn = columns.at(-1)?.id ?? null;
  const visible = board.cards.filter((card) => matchesFilters(card, filters));
  const lanes = swimlanes ? filterOptions(visible).epics : [null];
  const movers = new Map(
    peers.filter((p) => p.id !== data.user.id && p.dragging).map((p) => [p.dragging, p.name]),
  );

  const columnOf = (card: BoardCard) =>
    full.has(card.status) ? card.status : (columns[0]?.id ?? card.status);
  const isBlocked = (card: BoardCard) =>
    card.dependsOn.some((id) => {
      const dependency = byId.get(id);
      return dependency !== undefined && columnOf(dependency) !== doneColumn;
    });
  const title = (id: string) => byId.get(id)?.title ?? 'a card';
  const listKey = (lane: string | null, status: string) => `${lane ?? ''}\u0000${status}`;
  const lists = new Map<string, BoardCard[]>();
  for (const lane of lanes) {
    for (const column of columns) {
      const cards = (full.get(column.id) ?? []).filter(
        (card) => matchesFilters(card, filters) && (lane === null || laneOf(card) === lane),
      );
      lists.set(listKey(lane, column.id), cards);
    }
  }
  const { grab, announcement, moves } = useCardMoves({
    session,
    columns,
    full,
    visible: lists,
    canEdit,
    open: setOpenId,
  });

  const tile = (card: BoardCard, lane: string | null, status: string) => (
    <CardTile
      key={card.id}
      card={card}
      listKey={listKey(lane, status)}
      status={status}
      blocked={isBlocked(card)}
      grabbed={grab?.id === card.id}
      movingBy={movers.get(card.id) ?? null}
      drift={cardLinks(orgId, card, sources).drift}
      syncIssue={data.syncIssues[card.id] ?? null}
      canEdit={canEdit}
      moves={moves}
    />
  );

  const open = openId ? byId.get(openId) : undefined;
  const addCard = (titleText: string) => insertCards(session.doc, [newCard(titleText)]);

  return (
    <div className="board" data-testid="board" data-synced={board.synced}>
      <div className="board-presence">
        <AvatarStack peers={peers} selfId={data.user.id} />
        <ul className="moving-list" aria-live="polite" data-testid="moving">
          {[...movers].map(([id, name]) => (
            <li key={`${name}-${id}`}>
              {name} is moving {title(id ?? '')}
            </li>
          ))}
        </ul>
      </div>
      <BoardToolbar
        filters={filters}
        options={filterOptions(board.cards)}
        assignees={data.assignees}
        swimlanes={swimlanes}
        exportBase={`${boardBase}/export`}
        onFilters={setFilters}
        onSwimlanes={setSwimlanes}
      />
      <ProposalsPanel
        proposals={board.proposals}
        canEdit={canEdit}
        onAccept={(id) => acceptProposal(session.doc, id)}
        onReject={(id) => rejectProposal(session.doc, id)}
      />
      {canEdit ? <AddColumn session={session} columns={columns} /> : null}
      <p className="visually-hidden" aria-live="assertive">
        {announcement}
      </p>
      {lanes.map((lane) => (
        <section key={lane ?? 'all'} className="lane" aria-label={lane ? `Epic ${lane}` : 'Board'}>
          {lane ? <h2 className="lane-title">{lane === NO_EPIC ? 'No epic' : lane}</h2> : null}
          <div
            className="columns"
            style={{ gridTemplateColumns: `repeat(${columns.length}, 1fr)` }}
          >
            {columns.map((column) => {
              const key = listKey(lane, column.id);
              const list = lists.get(key) ?? [];
              return (
                // Mouse drop target; keyboard users move cards with the arrow keys instead.
                // biome-ignore lint/a11y/noStaticElementInteractions: see above
                <section
                  key={column.id}
                  className="column"
                  data-column={column.id}
                  data-testid={`column-${column.id}`}
                  onDragOver={moves.dragOver}
                  onDrop={(event) => moves.dropOnList(key, column.id, event)}
                >
                  <ColumnHeader
                    column={column}
                    count={full.get(column.id)?.length ?? 0}
                    canEdit={canEdit}
                    session={session}
                    onAdd={column === columns[0] && canEdit && lane === lanes[0] ? addCard : null}
                  />
                  <ul className="column-cards">
                    {list.map((card) => tile(card, lane, column.id))}
                  </ul>
                </section>
              );
            })}
          </div>
        </section>
      ))}
      {open ? (
        <CardDrawer
          card={open}
          cards={board.cards}
          doneColumn={doneColumn}
          assignees={data.assignees}
          links={cardLinks(orgId, open, sources)}
          canEdit={canEdit}
          onEdit={(edit) => editCard(session.doc, open.id, edit)}
          onToggleCriterion={(index) => toggleCriterion(session.doc, open.id, index)}
          onDelete={() => {
            removeCard(session.doc, open.id);
            setOpenId(null);
          }}
          onClose={() => setOpenId(null)}
        />
      ) : null}
    </div>
  );
}
