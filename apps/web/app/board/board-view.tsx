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
import { useSearchParams } from 'react-router';
import type * as Y from 'yjs';
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
import { BoardPresence } from './board-presence.tsx';
import type { BoardSession } from './board-session.ts';
import { BoardToolbar } from './board-toolbar.tsx';
import { CardDrawer } from './card-drawer.tsx';
import { cardLinks } from './card-links.ts';
import { CardList, type TilePlace } from './card-list.tsx';
import { CardTile } from './card-tile.tsx';
import { ColumnHeader } from './column-header.tsx';
import type { LiveBoard } from './live-board.ts';
import { newCard } from './new-card.ts';
import { ProposalsPanel } from './proposals-panel.tsx';
import { useBoard } from './use-board.ts';
import { useCardMoves } from './use-card-moves.ts';
import { useSources } from './use-sources.ts';

type BoardData = Omit<BoardLoaderData, 'token'>;

const listKey = (lane: string | null, status: string) => `${lane ?? ''}\u0000${status}`;

function groupByColumn(columns: readonly BoardColumn[], cards: readonly BoardCard[]) {
  const groups = new Map<string, BoardCard[]>(columns.map((c) => [c.id, []]));
  const first = columns[0]?.id ?? 'todo';
  for (const card of cards) (groups.get(card.status) ?? groups.get(first))?.push(card);
  return groups;
}

/**
 * The live Kanban: every move is a Yjs write on `board:<projectId>`, seen by all at once. It
 * shows the loader's rows (also on the server) until the websocket has synced; `session` is null
 * until the browser has opened it.
 */
export function BoardView({
  doc,
  live,
  session,
  data,
  orgId,
}: {
  doc: Y.Doc;
  live: LiveBoard;
  session: BoardSession | null;
  data: BoardData;
  orgId: string;
}) {
  const board = useBoard(live, session);
  const [searchParams] = useSearchParams();
  const boardBase = `/orgs/${orgId}/projects/${data.project.id}/board`;
  const sources = useSources(boardBase, data.sources, board.cards);
  const [filters, setFilters] = useState<BoardFilters>(noFilters);
  const [swimlanes, setSwimlanes] = useState(false);
  // `?card=<id>` (a notification's link) opens that card's drawer.
  const [openId, setOpenId] = useState<string | null>(() => searchParams.get('card'));
  const { canEdit } = data;
  const columns = board.columns;
  const full = useMemo(() => groupByColumn(columns, board.cards), [columns, board.cards]);
  const byId = useMemo(() => new Map(board.cards.map((c) => [c.id, c])), [board.cards]);
  const doneColumn = columns.at(-1)?.id ?? null;
  // Derived once per change of the cards or filters, not on every render (peers, a held card).
  const filtering = filters.label !== '' || filters.assignee !== '' || filters.epic !== '';
  const visible = useMemo(
    () => (filtering ? board.cards.filter((card) => matchesFilters(card, filters)) : board.cards),
    [board.cards, filters, filtering],
  );
  const options = useMemo(() => filterOptions(board.cards), [board.cards]);
  const lanes = useMemo(
    () => (swimlanes ? filterOptions(visible).epics : [null]),
    [swimlanes, visible],
  );

  const columnOf = (card: BoardCard) =>
    full.has(card.status) ? card.status : (columns[0]?.id ?? card.status);
  const isBlocked = (card: BoardCard) =>
    card.dependsOn.some((id) => {
      const dependency = byId.get(id);
      return dependency !== undefined && columnOf(dependency) !== doneColumn;
    });
  // Before the live document arrives the server sent each column's first cards and its count.
  const countOf = (id: string) => board.counts?.[id] ?? full.get(id)?.length ?? 0;
  const lists = useMemo(() => {
    const byList = new Map<string, BoardCard[]>();
    for (const lane of lanes) {
      for (const column of columns) {
        const all = full.get(column.id) ?? [];
        const cards =
          lane === null && !filtering
            ? all
            : all.filter(
                (card) => matchesFilters(card, filters) && (lane === null || laneOf(card) === lane),
              );
        byList.set(listKey(lane, column.id), cards);
      }
    }
    return byList;
  }, [lanes, columns, full, filters, filtering]);
  const { grab, announcement, moves } = useCardMoves({
    doc,
    session,
    columns,
    full,
    visible: lists,
    canEdit,
    open: setOpenId,
  });

  const tile = (card: BoardCard, lane: string | null, status: string, place: TilePlace) => (
    <CardTile
      key={card.id}
      card={card}
      listKey={listKey(lane, status)}
      status={status}
      blocked={isBlocked(card)}
      grabbed={grab?.id === card.id}
      session={session}
      selfId={data.user.id}
      drift={cardLinks(orgId, card, sources).drift}
      syncIssue={data.syncIssues[card.id] ?? null}
      canEdit={canEdit}
      moves={moves}
      place={place}
    />
  );

  const open = openId ? byId.get(openId) : undefined;
  const addCard = (titleText: string) => insertCards(doc, [newCard(titleText)]);

  return (
    <div className="board" data-testid="board" data-synced={board.synced}>
      <BoardPresence session={session} selfId={data.user.id} cards={byId} />
      <BoardToolbar
        filters={filters}
        options={options}
        assignees={data.assignees}
        swimlanes={swimlanes}
        exportBase={`${boardBase}/export`}
        onFilters={setFilters}
        onSwimlanes={setSwimlanes}
      />
      <ProposalsPanel
        proposals={board.proposals}
        canEdit={canEdit}
        onAccept={(id) => acceptProposal(doc, id)}
        onReject={(id) => rejectProposal(doc, id)}
      />
      {canEdit ? <AddColumn doc={doc} columns={columns} /> : null}
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
                    count={countOf(column.id)}
                    canEdit={canEdit}
                    doc={doc}
                    onAdd={column === columns[0] && canEdit && lane === lanes[0] ? addCard : null}
                  />
                  <CardList
                    cards={list}
                    total={
                      board.counts && lane === null && !filtering ? countOf(column.id) : list.length
                    }
                    heldId={grab?.id ?? null}
                    tile={(card, place) => tile(card, lane, column.id, place)}
                  />
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
          onEdit={(edit) => editCard(doc, open.id, edit)}
          onToggleCriterion={(index) => toggleCriterion(doc, open.id, index)}
          onDelete={() => {
            removeCard(doc, open.id);
            setOpenId(null);
          }}
          onClose={() => setOpenId(null)}
        />
      ) : null}
    </div>
  );
}
