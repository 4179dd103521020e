import {
  createIntegration,
  findMapping,
  listCardSyncIssues,
  recordMappingSynced,
} from '@specboard/db/integrations';
import { createTenant } from '@specboard/db/testing';
import { type CardDraft, insertCards, moveCard, readCards } from '@specboard/doc/board';
import { changeStoredDoc, loadStoredDoc } from '@specboard/stored-doc';
import { describe, expect, it } from 'vitest';
import { boardDocName } from '../ai/doc-model.ts';
import { RecordingBus } from '../test-support/ai-harness.ts';
import { useWorkerFixture } from '../test-support/worker-fixture.ts';
import { applyTrackerStatus } from './tracker-status.ts';

const t = useWorkerFixture();

const draft = (n: number): CardDraft => ({
  id: `01JB0ARD00000000000000000${n}`,
  title: `Card ${n}`,
  description: '',
  estimate: null,
  priority: 'medium',
  labels: [],
  dependsOn: [],
  acceptanceCriteria: [],
  assigneeId: null,
  assigneeName: null,
  epicId: null,
  epicTitle: null,
  storyId: null,
  sourceVersionId: null,
  sourceAnchor: null,
});

async function pushedBoard() {
  const tenant = await createTenant(t.db);
  const integration = await createIntegration(t.db, {
    orgId: tenant.orgId,
    kind: 'jira',
    name: 'Jira',
    config: { projectKey: 'SPEC' },
    secretSealed: 'v1.test.x.y.z',
    createdBy: null,
  });
  const docName = boardDocName(tenant.projectId);
  await changeStoredDoc(
    { db: t.db, bus: null },
    tenant.orgId,
    docName,
    'test',
    (doc) => insertCards(doc, [draft(1), draft(2)]),
    () => undefined,
  );
  for (const n of [1, 2]) {
    await recordMappingSynced(t.db, tenant.orgId, {
      integrationId: integration.id,
      resourceType: 'card',
      resourceId: draft(n).id,
      externalId: `SPEC-${n}`,
      externalType: 'jira-issue',
      externalUrl: null,
      syncedState: { projectId: tenant.projectId, status: 'todo' },
    });
  }
  const statusOf = async (n: number) => {
    const doc = await loadStoredDoc(t.db, tenant.orgId, docName);
    return readCards(doc).find((card) => card.id === draft(n).id)?.status;
  };
  return {
    orgId: tenant.orgId,
    projectId: tenant.projectId,
    integrationId: integration.id,
    docName,
    statusOf,
  };
}

describe('Jira status → board', () => {
  it('moves the mapped card through a stored, published Yjs update', async () => {
    const board = await pushedBoard();
    const bus = new RecordingBus();
    const input = {
      orgId: board.orgId,
      integrationId: board.integrationId,
      issueKey: 'SPEC-1',
      column: 'done',
    };
    expect(await applyTrackerStatus({ db: t.db, bus }, input)).toBe('moved');
    expect(await board.statusOf(1)).toBe('done');
    expect(bus.published.map((m) => m.docName)).toEqual([board.docName]);
    expect(await applyTrackerStatus({ db: t.db, bus }, input)).toBe('unchanged');
    expect(await applyTrackerStatus({ db: t.db, bus }, { ...input, issueKey: 'SPEC-99' })).toBe(
      'unmapped',
    );
  });

  it('marks a conflict, and leaves the card, when it also moved here since the last sync', async () => {
    const board = await pushedBoard();
    await changeStoredDoc(
      { db: t.db, bus: null },
      board.orgId,
      board.docName,
      'test',
      (doc) => moveCard(doc, draft(2).id, 'review', 0),
      () => undefined,
    );
    const outcome = await applyTrackerStatus(
      { db: t.db, bus: new RecordingBus() },
      {
        orgId: board.orgId,
        integrationId: board.integrationId,
        issueKey: 'SPEC-2',
        column: 'in_progress',
      },
    );
    expect(outcome).toBe('conflict');
    expect(await board.statusOf(2)).toBe('review');
    const mapping = await findMapping(t.db, board.orgId, {
      integrationId: board.integrationId,
      resourceType: 'card',
      resourceId: draft(2).id,
    });
    expect(mapping).toMatchObject({
      sync_status: 'conflict',
      last_error: 'moved to review here and to in_progress in Jira (SPEC-2) since the last sync',
    });
    // What the board shows on the card.
    expect(await listCardSyncIssues(t.db, board.orgId, board.projectId)).toEqual({
      [draft(2).id]:
        'SPEC-2: conflict — moved to review here and to in_progress in Jira (SPEC-2) since the last sync',
    });
  });
});
