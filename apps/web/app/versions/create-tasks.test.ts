import { getPlanRun } from '@specboard/db/plan-runs';
import { createVersion } from '@specboard/db/versions';
import { versionTasksQueue } from '@specboard/jobs';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../db.server.ts';
import { closeJobQueue, jobQueue } from '../runs/job-queue.server.ts';
import { appRequest, outcome, type TestUser } from '../testing/app-fixture.ts';
import { orgWithMembers, projectWithDocument, setUpTestApp } from '../testing/org-fixture.ts';
import { createTasksAction } from './create-tasks.server.ts';

setUpTestApp({ cleanUp: closeJobQueue });

let orgId: string;
let owner: TestUser;
let editor: TestUser;
let viewer: TestUser;
let outsider: TestUser;

beforeAll(async () => {
  ({
    orgId,
    users: { owner, editor, viewer },
  } = await orgWithMembers({ roles: ['editor', 'viewer'] }));
  outsider = (await orgWithMembers({ roles: [] })).users.owner;
});

async function savedVersion() {
  const { project, document } = await projectWithDocument({
    orgId,
    createdBy: owner.id,
    title: 'Launch PRD',
  });
  const version = await createVersion(db(), {
    orgId,
    documentId: document.id,
    label: null,
    trigger: 'manual',
    yState: new Uint8Array([0, 0]),
    contentJson: { type: 'doc' },
    contentMd: '## Goals\n\n- Sign in with email',
    createdBy: owner.id,
    planRunId: null,
  });
  if (!version) throw new Error('version not created');
  return { project, document, version };
}

function request(user: TestUser, path: string, form: Record<string, string>) {
  return appRequest(path, { user, form });
}

describe('Create tasks from this version', () => {
  it('queues the breakdown of that version for an editor and points at the board', async () => {
    const { project, document, version } = await savedVersion();
    const path = `/orgs/${orgId}/documents/${document.id}/history/${version.id}`;
    const answer = await outcome(() =>
      createTasksAction(
        request(editor, path, { intent: 'create-tasks' }),
        orgId,
        document.id,
        version.id,
      ),
    );
    const { boss } = await jobQueue();
    const jobs = await boss.fetch(versionTasksQueue.name, { batchSize: 10 });
    expect(jobs).toHaveLength(1);
    const runId = (jobs[0]?.data as { runId?: string } | undefined)?.runId;
    expect(answer.body).toEqual({
      queued: true,
      versionNumber: 1,
      boardPath: `/orgs/${orgId}/projects/${project.id}/board`,
      runPath: `/orgs/${orgId}/runs/${runId}`,
    });
    const run = await getPlanRun(db(), orgId, runId ?? '');
    expect(run?.run).toMatchObject({ triggered_by: editor.id, status: 'queued' });
    expect(run?.steps.map((step) => step.step)).toEqual(['breakdown', 'tasks']);
  });

  it('refuses viewers, hides other organisations’ versions and rejects unknown intents', async () => {
    const { document, version } = await savedVersion();
    const path = `/orgs/${orgId}/documents/${document.id}/history/${version.id}`;
    const form = { intent: 'create-tasks' };
    const asViewer = await outcome(() =>
      createTasksAction(request(viewer, path, form), orgId, document.id, version.id),
    );
    expect(asViewer.status).toBe(403);
    const asOutsider = await outcome(() =>
      createTasksAction(request(outsider, path, form), orgId, document.id, version.id),
    );
    expect(asOutsider.status).toBe(404);
    const other = await savedVersion();
    const mismatched = await outcome(() =>
      createTasksAction(request(editor, path, form), orgId, document.id, other.version.id),
    );
    expect(mismatched.status).toBe(404);
    const unknown = await outcome(() =>
      createTasksAction(
        request(editor, path, { intent: 'delete' }),
        orgId,
        document.id,
        version.id,
      ),
    );
    expect(unknown).toMatchObject({
      status: 400,
      body: { fieldErrors: { intent: expect.any(Array) } },
    });
    const { boss } = await jobQueue();
    expect(await boss.fetch(versionTasksQueue.name, { batchSize: 10 })).toEqual([]);
  });
});
