import { createIntegration } from '@specboard/db/integrations';
import { createVersion } from '@specboard/db/versions';
import { trackerPushQueue } from '@specboard/jobs';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../db.server.ts';
import { closeJobQueue, jobQueue } from '../runs/job-queue.server.ts';
import { appRequest, outcome, type TestUser } from '../testing/app-fixture.ts';
import { orgWithMembers, projectWithDocument, setUpTestApp } from '../testing/org-fixture.ts';
import { versionTrackers } from './tracker-push.server.ts';
import { versionAction } from './version-action.server.ts';

setUpTestApp({ cleanUp: closeJobQueue });

let orgId: string;
let owner: TestUser;
let editor: TestUser;
let viewer: TestUser;
let jiraId: string;
let confluenceId: string;

const integration = (kind: 'jira' | 'confluence', name: string) =>
  createIntegration(db(), {
    orgId,
    kind,
    name,
    config: {},
    secretSealed: 'sealed',
    createdBy: null,
  });

beforeAll(async () => {
  ({
    orgId,
    users: { owner, editor, viewer },
  } = await orgWithMembers({ roles: ['editor', 'viewer'] }));
  jiraId = (await integration('jira', 'Jira')).id;
  confluenceId = (await integration('confluence', 'Wiki')).id;
});

async function savedVersion() {
  const { project, document } = await projectWithDocument({
    orgId,
    createdBy: owner.id,
    title: 'PRD',
  });
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
  return { project, document, version };
}

function push(
  user: TestUser,
  ids: { documentId: string; versionId: string },
  integrationId: string,
) {
  const path = `/orgs/${orgId}/documents/${ids.documentId}/history/${ids.versionId}`;
  const form = { intent: 'tracker-push-version', integrationId };
  return outcome(() =>
    versionAction(appRequest(path, { user, form }), orgId, ids.documentId, ids.versionId),
  );
}

describe('Push this version’s cards', () => {
  it('lists the trackers and queues a push of the version’s cards for an editor', async () => {
    expect(await versionTrackers(orgId)).toEqual([{ id: jiraId, name: 'Jira', kind: 'jira' }]);
    const { project, document, version } = await savedVersion();
    const answer = await push(editor, { documentId: document.id, versionId: version.id }, jiraId);
    expect(answer.body).toEqual({
      pushing: true,
      message: 'Pushing the cards version 1 put on the board to Jira.',
    });
    const { boss } = await jobQueue();
    const jobs = await boss.fetch(trackerPushQueue.name, { batchSize: 10 });
    expect(jobs.map((job) => job.data)).toEqual([
      {
        orgId,
        integrationId: jiraId,
        projectId: project.id,
        cardIds: null,
        sourceVersionId: version.id,
      },
    ]);
  });

  it('refuses viewers and integrations that are not trackers', async () => {
    const { document, version } = await savedVersion();
    const ids = { documentId: document.id, versionId: version.id };
    expect((await push(viewer, ids, jiraId)).status).toBe(403);
    expect((await push(editor, ids, confluenceId)).status).toBe(404);
    const { boss } = await jobQueue();
    expect(await boss.fetch(trackerPushQueue.name, { batchSize: 10 })).toEqual([]);
  });
});
