import { type BoardColumn, defaultColumns } from '@specboard/doc/board';
import { db } from '../db.server.ts';
import type { BoardRows } from './live-board.ts';
import { listTaskCards } from './task-cards.server.ts';

/**
 * The board as the `tasks` projection has it, so the page paints its cards before the websocket
 * has synced (decoding the document itself would cost the page hundreds of milliseconds on a big
 * board). The projection keeps no columns or proposals: the default columns, plus one per other
 * status a card is in, stand in until the live document arrives.
 */
export async function loadBoardRows(orgId: string, projectId: string): Promise<BoardRows> {
  const cards = await listTaskCards(db(), orgId, projectId);
  const columns: BoardColumn[] = [...defaultColumns];
  for (const card of cards) {
    if (!columns.some((column) => column.id === card.status)) {
      columns.push({ id: card.status, title: card.status, wipLimit: null });
    }
  }
  return { cards, columns, proposals: [] };
}
