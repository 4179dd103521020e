import { randomBytes } from 'node:crypto';
import { createDocument } from '@specboard/db/documents';
import { createIntegration } from '@specboard/db/integrations';
import { createTenant } from '@specboard/db/testing';
import { createVersion } from '@specboard/db/versions';
import { type CardDraft, insertCards } from '@specboard/doc/board';
import { createSecretBox, sealCredentials } from '@specboard/integrations';
import { FakeJira } from '@specboard/integrations/testing/fake-jira';
import { changeStoredDoc } from '@specboard/stored-doc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardDocName } from '../ai/doc-model.ts';
import { useWorkerFixture } from '../test-support/worker-fixture.ts';
import { pushBoardToTracker } from './tracker-push.ts';

const t = useWorkerFixture();
const box = createSecretBox({ id: 'test', key: randomBytes(32) });
let jira: FakeJira;

beforeAll(async () => {
  jira = await FakeJira.start('pm@example.com', 'token-1');
});
afterAll(async () => {
  await jira?.close();
});

const draft = (n: number, sourceVersionId: string | null): CardDraft => ({
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
  sourceVersionId,
  sourceAnchor: null,
});

describe('push a board to Jira', () => {
  it('pushes only the cards of one version’s breakdown, linking each to that version', async () => {
    const tenant = await createTenant(t.db);
    const document = await createDocument(t.db, {
      orgId: tenant.orgId,
      projectId: tenant.projectId,
      type: 'notes',
      title: 'PRD',
      createdBy: tenant.userId,
    });
    if (!document) throw new Error('document not created');
    const version = await createVersion(t.db, {
      orgId: tenant.orgId,
      documentId: document.id,
      label: null,
      trigger: 'manual',
      yState: new Uint8Array([0, 0]),
      contentJson: { type: 'doc' },
      contentMd: '## Goals',
      createdBy: tenant.userId,
      planRunId: null,
    });
    if (!version) throw new Error('version not created');
    await changeStoredDoc(
      { db: t.db, bus: null },
      tenant.orgId,
      boardDocName(tenant.projectId),
      'test',
      (doc) => insertCards(doc, [draft(1, version.id), draft(2, null), draft(3, version.id)]),
      () => undefined,
    );
    const integration = await createIntegration(t.db, {
      orgId: tenant.orgId,
      kind: 'jira',
      name: 'Jira',
      config: { projectKey: 'SPEC' },
      secretSealed: sealCredentials(box, {
        url: jira.url,
        email: 'pm@example.com',
        apiToken: 'token-1',
      }),
      createdBy: null,
    });
    const deps = {
      db: t.db,
      integrations: { box, allowPrivate: true, appBaseUrl: 'https://specboard.example' },
    };
    const result = await pushBoardToTracker(deps, {
      orgId: tenant.orgId,
      integrationId: integration.id,
      projectId: tenant.projectId,
      cardIds: null,
      sourceVersionId: version.id,
    });
    expect(result.pushed.map((p) => p.cardId).sort()).toEqual([
      draft(1, null).id,
      draft(3, null).id,
    ]);
    const summaries = [...jira.issues.values()].map((issue) => issue.summary).sort();
    expect(summaries).toEqual(['Card 1', 'Card 3']);
    expect(JSON.stringify([...jira.issues.values()][0]?.description)).toContain(
      `https://specboard.example/orgs/${tenant.orgId}/documents/${document.id}/history/${version.id}`,
    );
  });
});
