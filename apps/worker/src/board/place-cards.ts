import {
  type CardDraft,
  editCard,
  insertCards,
  readBoardCards,
  tasksOf,
} from '@specboard/doc/board';
import { planProposals, titleKey, writeProposals } from '@specboard/doc/board-proposals';
import type { SkippedEntry } from '@specboard/doc/skipped-entries';
import type * as Y from 'yjs';

export interface Placement {
  inserted: number;
  proposed: number;
}

export interface PlacementResult extends Placement {
  /** Entries of `tasks` that are not cards (left alone, for the caller to log). */
  skipped: SkippedEntry[];
}

/**
 * Puts a version's cards on the board. The first time a document feeds the board, its cards are
 * inserted directly. Later versions only propose changes (add / modify / remove) against the
 * cards that came from any version of the same document; people's columns, order, assignees and
 * ticked criteria are never touched. Cards that match unchanged are re-linked to the new version.
 */
export function placeVersionCards(
  doc: Y.Doc,
  input: {
    versionId: string;
    documentVersionIds: ReadonlySet<string>;
    cards: readonly CardDraft[];
  },
): PlacementResult {
  const { cards, skipped } = readBoardCards(doc);
  const lineage = cards.filter(
    (card) => card.sourceVersionId !== null && input.documentVersionIds.has(card.sourceVersionId),
  );
  if (lineage.length === 0) {
    return { inserted: insertCards(doc, input.cards).length, proposed: 0, skipped };
  }
  const board = tasksOf(doc);
  const proposals = planProposals(input.versionId, lineage, input.cards).filter(
    (proposal) => proposal.kind !== 'add' || !board.has(proposal.card.id),
  );
  const touched = new Set(proposals.flatMap((p) => (p.kind === 'add' ? [] : [p.taskId])));
  const titles = new Set(input.cards.map((card) => titleKey(card.title)));
  doc.transact(() => {
    for (const card of lineage) {
      if (!touched.has(card.id) && titles.has(titleKey(card.title))) {
        editCard(doc, card.id, { sourceVersionId: input.versionId });
      }
    }
    writeProposals(doc, proposals);
  });
  return { inserted: 0, proposed: proposals.length, skipped };
}
