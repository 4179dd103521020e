import { readCards, readColumns } from '@specboard/doc/board';
import { readProposals } from '@specboard/doc/board-proposals';
import { withStoredDoc } from '@specboard/stored-doc';
import { db } from '../db.server.ts';
import type { BoardRows } from './live-board.ts';

/**
 * The board as stored right now, so the page paints its cards before the websocket has synced.
 * It is the same document the sync server serves, so the live state that follows matches it.
 */
export function loadBoardRows(docName: string): Promise<BoardRows> {
  return withStoredDoc(db(), docName, (doc) => ({
    cards: readCards(doc),
    columns: readColumns(doc),
    proposals: readProposals(doc),
  }));
}
