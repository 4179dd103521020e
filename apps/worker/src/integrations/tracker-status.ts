import {
  findMappingByExternalId,
  recordMappingConflict,
  recordMappingSynced,
} from '@specboard/db/integrations';
import { cardEntry, moveCard, readCard } from '@specboard/doc/board';
import { changeStoredDoc } from '@specboard/stored-doc';
import { z } from 'zod';
import type { AiJobDeps } from '../ai/deps.ts';
import { boardDocName } from '../ai/doc-model.ts';

const syncedCard = z.object({ projectId: z.string(), status: z.string() });

export type TrackerStatusOutcome = 'moved' | 'unchanged' | 'conflict' | 'unmapped';

/**
 * Applies a status the tracker (Jira, GitHub Issues) reported to the card mapped to the issue, through the same write path
 * as any other change (a Yjs update stored and published to connected boards). When the card
 * also moved here since the last sync, neither side wins: the mapping is marked as a conflict
 * with both statuses and the card stays where it is.
 */
export async function applyTrackerStatus(
  deps: Pick<AiJobDeps, 'db' | 'bus'>,
  input: { orgId: string; integrationId: string; issueKey: string; column: string },
): Promise<TrackerStatusOutcome> {
  const { db } = deps;
  const mapping = await findMappingByExternalId(
    db,
    input.orgId,
    input.integrationId,
    input.issueKey,
  );
  const synced = syncedCard.safeParse(mapping?.synced_state);
  if (mapping?.resource_type !== 'card' || !synced.success) return 'unmapped';
  const { projectId, status: agreed } = synced.data;
  // Written inside the change callback; a holder, because the compiler does not follow closures.
  const seen: { outcome: TrackerStatusOutcome; ours: string } = { outcome: 'unmapped', ours: '' };
  await changeStoredDoc(
    deps,
    input.orgId,
    boardDocName(projectId),
    `worker:tracker:${input.issueKey}`,
    (doc) => {
      const entry = cardEntry(doc, mapping.resource_id);
      if (!entry) return;
      seen.ours = readCard(mapping.resource_id, entry).status;
      if (seen.ours === input.column) seen.outcome = 'unchanged';
      else if (seen.ours !== agreed) seen.outcome = 'conflict';
      else
        seen.outcome = moveCard(doc, mapping.resource_id, input.column, 0) ? 'moved' : 'unmapped';
    },
    () => undefined,
  );
  const { outcome, ours } = seen;
  const tool = mapping.external_type === 'github-issue' ? 'GitHub' : 'Jira';
  if (outcome === 'conflict') {
    await recordMappingConflict(
      db,
      input.orgId,
      mapping.id,
      `moved to ${ours} here and to ${input.column} in ${tool} (${input.issueKey}) since the last sync`,
    );
  } else if (outcome !== 'unmapped') {
    await recordMappingSynced(db, input.orgId, {
      integrationId: input.integrationId,
      resourceType: 'card',
      resourceId: mapping.resource_id,
      externalId: input.issueKey,
      externalType: mapping.external_type,
      externalUrl: mapping.external_url,
      syncedState: { projectId, status: input.column },
    });
  }
  return outcome;
}
