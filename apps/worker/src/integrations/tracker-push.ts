import { getIntegrationWithSecret } from '@specboard/db/integrations';
import { getVersion } from '@specboard/db/versions';
import type { BoardCard } from '@specboard/doc/board';
import { readCards } from '@specboard/doc/board';
import {
  type OutgoingCard,
  type PushResult,
  pushCardsToGitHub,
  pushCardsToJira,
} from '@specboard/integrations';
import { loadStoredDoc } from '@specboard/stored-doc';
import type { AiJobDeps } from '../ai/deps.ts';
import { boardDocName } from '../ai/doc-model.ts';

/** The card as a Jira issue, linking to the PRD version it came from (else to the board). */
async function toJiraCard(
  deps: Pick<AiJobDeps, 'db'>,
  base: string,
  input: { orgId: string; projectId: string },
  card: BoardCard,
): Promise<OutgoingCard> {
  const version = card.sourceVersionId
    ? await getVersion(deps.db, input.orgId, card.sourceVersionId)
    : undefined;
  const path = version
    ? `/orgs/${input.orgId}/documents/${version.document_id}/history/${version.id}`
    : `/orgs/${input.orgId}/projects/${input.projectId}/board`;
  return {
    id: card.id,
    projectId: input.projectId,
    status: card.status,
    title: card.title,
    description: card.description,
    acceptanceCriteria: card.acceptanceCriteria.map((criterion) => criterion.text),
    link: new URL(path, base).toString(),
  };
}

/**
 * Reads the board as stored and pushes its cards (all, `cardIds`, or those that came from the
 * version `sourceVersionId`) to the integration's tracker (Jira or GitHub Issues).
 */
export async function pushBoardToTracker(
  deps: Pick<AiJobDeps, 'db' | 'integrations'>,
  input: {
    orgId: string;
    integrationId: string;
    projectId: string;
    cardIds: string[] | null;
    sourceVersionId?: string | undefined;
  },
): Promise<PushResult> {
  const runtime = deps.integrations;
  if (!runtime?.box)
    throw new Error('INTEGRATIONS_KEY is not set on the worker: cannot reach the tracker');
  const doc = await loadStoredDoc(deps.db, input.orgId, boardDocName(input.projectId));
  try {
    const wanted = input.cardIds ? new Set(input.cardIds) : null;
    const cards = readCards(doc).filter(
      (card) =>
        (!wanted || wanted.has(card.id)) &&
        (!input.sourceVersionId || card.sourceVersionId === input.sourceVersionId),
    );
    const jiraCards = await Promise.all(
      cards.map((card) => toJiraCard(deps, runtime.appBaseUrl, input, card)),
    );
    const integration = await getIntegrationWithSecret(deps.db, input.orgId, input.integrationId);
    const push = integration?.kind === 'github' ? pushCardsToGitHub : pushCardsToJira;
    return await push(
      { db: deps.db, box: runtime.box, allowPrivate: runtime.allowPrivate },
      input.orgId,
      input.integrationId,
      jiraCards,
    );
  } finally {
    doc.destroy();
  }
}
