import { type Db, isUlid } from '@specboard/db';
import { loadDocState } from '@specboard/db/doc-log';
import { type BoardTaskRow, replaceBoardProjection } from '@specboard/db/tasks';
import { type BoardCard, readCards } from '@specboard/doc/board';
import * as Y from 'yjs';
import { boardDocName } from '../ai/doc-model.ts';

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
export async function loadBoard(db: Db, projectId: string): Promise<Y.Doc> {
  const state = await loadDocState(db, boardDocName(projectId));
  const doc = new Y.Doc();
  doc.transact(() => {
    if (state.snapshot) Y.applyUpdateV2(doc, state.snapshot);
    for (const row of state.updates) Y.applyUpdate(doc, row.update);
  });
  return doc;
}

/**
 * Makes `tasks` equal to the stored board document. Idempotent and order-free: every run reads
 * the whole board, so a late or repeated run converges on the same rows.
 */
export async function projectBoard(db: Db, orgId: string, projectId: string): Promise<number> {
  const doc = await loadBoard(db, projectId);
  try {
    // Any client can write a card; one whose id is not a ULID cannot be a row, and must not stop
    // the rest of the board from being projected. It stays on the live board.
    const rows = readCards(doc)
      .filter((card) => isUlid(card.id))
      .map(cardToRow);
    await replaceBoardProjection(db, { orgId, projectId, rows });
    return rows.length;
  } finally {
    doc.destroy();
  }
}
