import { createIntegration, setIntegrationStatus } from '@specboard/db/integrations';
import { createVersion } from '@specboard/db/versions';
import { confluencePublishQueue } from '@specboard/jobs';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../db.server.ts';
import { closeJobQueue, jobQueue } from '../runs/job-queue.server.ts';
import { appRequest, outcome, type TestUser } from '../testing/app-fixture.ts';
import { orgWithMembers, projectWithDocument, setUpTestApp } from '../testing/org-fixture.ts';
import { confluenceStatus, publishToConfluenceAction } from './confluence-publish.server.ts';

setUpTestApp({ cleanUp: closeJobQueue });

let orgId: string;
let owner: TestUser;
let editor: TestUser;
let viewer: TestUser;
let integrationId: string;
let foreignIntegrationId: string;

const confluence = (org: string) =>
  createIntegration(db(), {
    orgId: org,
    kind: 'confluence',
    name: 'Wiki',
    config: { spaceId: '98304', host: 'acme.atlassian.net' },
    secretSealed: 'sealed',
    createdBy: null,
  });

beforeAll(async () => {
  ({
    orgId,
    users: { owner, editor, viewer },
  } = await orgWithMembers({ roles: ['editor', 'viewer'] }));
  integrationId = (await confluence(orgId)).id;
  foreignIntegrationId = (await confluence((await orgWithMembers({ roles: [] })).orgId)).id;
});

async function savedVersion() {
  const { document } = await projectWithDocument({ orgId, createdBy: owner.id, title: 'PRD' });
  const version = await createVersion(db(), {
    orgId,
    documentId: document.id,
    label: null,
    trigger: 'manual',
    yState: new Uint8Array([0, 0]),
    contentJson: { type: 'doc' },
    contentMd: '## Goals',
    createdBy: owner.id,
    planRunId: null,
  });
  if (!version) throw new Error('version not created');
  return { document, version };
}

function publish(
  user: TestUser,
  ids: { documentId: string; versionId: string },
  form: Record<string, string>,
) {
  const path = `/orgs/${orgId}/documents/${ids.documentId}/history/${ids.versionId}`;
  const request = appRequest(path, { user, form });
  return outcome(async () =>
    publishToConfluenceAction(
      request,
      orgId,
      ids.documentId,
      ids.versionId,
      await request.clone().formData(),
    ),
  );
}

describe('Publish to Confluence', () => {
  it('queues the version for an editor; the page shows as not published yet', async () => {
    const { document, version } = await savedVersion();
    const ids = { documentId: document.id, versionId: version.id };
    const answer = await publish(editor, ids, { intent: 'publish-confluence', integrationId });
    expect(answer.body).toMatchObject({ publishing: true });
    const { boss } = await jobQueue();
    const jobs = await boss.fetch(confluencePublishQueue.name, { batchSize: 10 });
    expect(jobs.map((job) => job.data)).toEqual([{ orgId, integrationId, versionId: version.id }]);
    expect(await confluenceStatus(orgId, document.id)).toEqual([
      expect.objectContaining({ integrationId, status: 'never', externalUrl: null }),
    ]);
  });

  it('refuses viewers, other organisations’ integrations and paused ones', async () => {
    const { document, version } = await savedVersion();
    const ids = { documentId: document.id, versionId: version.id };
    const form = { intent: 'publish-confluence', integrationId };
    expect((await publish(viewer, ids, form)).status).toBe(403);
    const foreign = { ...form, integrationId: foreignIntegrationId };
    expect((await publish(editor, ids, foreign)).status).toBe(404);
    await setIntegrationStatus(db(), orgId, integrationId, 'paused');
    const paused = await publish(editor, ids, form);
    await setIntegrationStatus(db(), orgId, integrationId, 'active');
    expect(paused).toMatchObject({
      status: 400,
      body: { fieldErrors: { form: [expect.stringMatching(/paused/)] } },
    });
    const { boss } = await jobQueue();
    expect(await boss.fetch(confluencePublishQueue.name, { batchSize: 10 })).toEqual([]);
  });
});
