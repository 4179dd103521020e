import { type Db, isUlid } from '@specboard/db';
import { type BoardTaskRow, replaceBoardProjection } from '@specboard/db/tasks';
import { type BoardCard, readBoardCards } from '@specboard/doc/board';
import type { SkippedEntry } from '@specboard/doc/skipped-entries';
import { loadStoredDoc } from '@specboard/stored-doc';
import type * as Y from 'yjs';
import { boardDocName } from '../ai/doc-model.ts';
import { boardEvents } from '../integrations/board-events.ts';
import { emitFromJob } from '../integrations/emit-event.ts';
import type { JobDeps } from '../job.ts';
import { announceBoardChanges } from '../notify/board-changed.ts';
import { logSkipped } from './skipped.ts';

/** A card as a `tasks` row. */
export function cardToRow(card: BoardCard): BoardTaskRow {
  return {
    id: card.id,
    title: card.title,
    description: card.description,
    status: card.status,
    order: card.order,
    estimate: card.estimate,
    priority: card.priority,
    assigneeId: card.assigneeId,
    labels: card.labels,
    dependsOn: card.dependsOn,
    acceptanceCriteria: card.acceptanceCriteria,
    epicId: card.epicId,
    storyId: card.storyId,
    sourceVersionId: card.sourceVersionId,
    sourceAnchor: card.sourceAnchor,
  };
}

/** The board as stored (snapshot ⊕ log), read into a throwaway Y.Doc. */
export function loadBoard(db: Db, orgId: string, projectId: string): Promise<Y.Doc> {
  return loadStoredDoc(db, orgId, boardDocName(projectId));
}

export interface Projected {
  /** Cards written as rows. */
  cards: number;
  /** Entries of `tasks` left out: not cards, or ids that cannot be a row. */
  skipped: number;
}

/**
 * Makes `tasks` equal to the stored board document. Idempotent and order-free: every run reads
 * the whole board, so a late or repeated run converges on the same rows. Any client can write
 * anything into the board; an entry that is not a card, or a card whose id is not a ULID, is
 * logged and left out rather than stopping the rest of the board from being projected (it stays
 * on the live board), and values out of a column's range are clamped by `replaceBoardProjection`.
 * Moves and assignments go into the audit trail and notify new assignees in the same transaction.
 * Cards created or moved since the last projection are emitted as organisation events.
 */
export async function projectBoard(
  deps: Pick<JobDeps, 'db' | 'logger' | 'boss'>,
  orgId: string,
  projectId: string,
): Promise<Projected> {
  const { db, logger } = deps;
  const docName = boardDocName(projectId);
  const doc = await loadBoard(db, orgId, projectId);
  try {
    const { cards, skipped } = readBoardCards(doc);
    const rows: BoardTaskRow[] = [];
    const left: SkippedEntry[] = [...skipped];
    for (const card of cards) {
      if (isUlid(card.id)) rows.push(cardToRow(card));
      else left.push({ key: card.id, reason: 'card id is not a ULID' });
    }
    await replaceBoardProjection(db, { orgId, projectId, rows }, async (trx, changes, cards) => {
      await announceBoardChanges(trx, { orgId, projectId }, changes);
      await emitFromJob(deps, trx, orgId, boardEvents(orgId, projectId, cards));
    });
    return { cards: rows.length, skipped: logSkipped(logger, docName, 'tasks', left) };
  } finally {
    doc.destroy();
  }
}
