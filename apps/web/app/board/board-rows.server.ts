import { listEpics, listFirstTasksPerColumn } from '@specboard/db/tasks';
import { type BoardColumn, defaultColumns, sortCards } from '@specboard/doc/board';
import { db } from '../db.server.ts';
import type { BoardRows } from './live-board.ts';
import { taskCard } from './task-cards.server.ts';

/** Cards per column sent for the first paint: more than fit on a tall screen. */
export const FIRST_SCREEN_CARDS = 40;

/**
 * The first screen of the board from the `tasks` projection, so the page paints before the
 * websocket has synced: each column's first cards and its count. Decoding the document itself,
 * or sending every card, would cost a big board hundreds of milliseconds. The projection keeps
 * no columns or proposals: the default columns, plus one per other status a card is in, stand in
 * until the live document arrives.
 */
export async function loadBoardRows(
  orgId: string,
  projectId: string,
  /** The organisation's members (the page lists them too: one query serves both). */
  members: Promise<{ id: string; name: string }[]>,
): Promise<BoardRows> {
  const [rows, assignees, epics] = await Promise.all([
    listFirstTasksPerColumn(db(), orgId, projectId, FIRST_SCREEN_CARDS),
    members,
    listEpics(db(), orgId, projectId),
  ]);
  const names = new Map(assignees.map((a) => [a.id, a.name]));
  const epicTitles = new Map(epics.map((e) => [e.id, e.title]));
  const columns: BoardColumn[] = [...defaultColumns];
  const counts: Record<string, number> = {};
  for (const row of rows) {
    counts[row.status] = Number(row.in_column);
    if (!columns.some((column) => column.id === row.status)) {
      columns.push({ id: row.status, title: row.status, wipLimit: null });
    }
  }
  const cards = sortCards(rows.map((row) => taskCard(row, names, epicTitles)));
  return { cards, columns, proposals: [], counts };
}
