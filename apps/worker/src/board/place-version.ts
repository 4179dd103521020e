import { recordBreakdown } from '@specboard/db/tasks';
import { listVersions } from '@specboard/db/versions';
import type { Breakdown, TaskList } from '@specboard/pipeline';
import { DocSession } from '@specboard/stored-doc';
import type { AiJobDeps } from '../ai/deps.ts';
import { boardDocName } from '../ai/doc-model.ts';
import { type Placement, type PlacementResult, placeVersionCards } from './place-cards.ts';
import { projectBoard } from './projection.ts';
import { logSkipped } from './skipped.ts';
import { versionCards } from './version-cards.ts';

export interface VersionOnBoard extends Placement {
  cardIds: string[];
}

/**
 * Puts the cards of one version's breakdown on the project's board, whoever asked for them (a
 * plan run's tasks step, or "Create tasks from this version"): records the epics and stories,
 * writes the cards into `board:<projectId>` through the server-side write path (everyone on the
 * board sees them arrive, or the proposals when the document already fed the board) and
 * projects the board into `tasks`.
 */
export async function placeVersionOnBoard(
  deps: AiJobDeps,
  input: {
    orgId: string;
    projectId: string;
    documentId: string;
    versionId: string;
    breakdown: Breakdown;
    tasks: TaskList;
    origin: string;
  },
): Promise<VersionOnBoard> {
  const { epics, cards } = versionCards(input.versionId, input.breakdown, input.tasks);
  await recordBreakdown(deps.db, {
    orgId: input.orgId,
    projectId: input.projectId,
    versionId: input.versionId,
    epics,
  });
  const lineage = await listVersions(deps.db, input.orgId, input.documentId);
  const docName = boardDocName(input.projectId);
  const session = await DocSession.open(deps, input.orgId, docName, input.origin);
  let result: PlacementResult = { inserted: 0, proposed: 0, skipped: [] };
  try {
    await session.change((doc) => {
      result = placeVersionCards(doc, {
        versionId: input.versionId,
        documentVersionIds: new Set(lineage.map((v) => v.id)),
        cards,
      });
    });
  } finally {
    session.destroy();
  }
  logSkipped(deps.logger, docName, 'tasks', result.skipped);
  await projectBoard(deps, input.orgId, input.projectId);
  const placement: Placement = { inserted: result.inserted, proposed: result.proposed };
  return { ...placement, cardIds: cards.map((card) => card.id) };
}
