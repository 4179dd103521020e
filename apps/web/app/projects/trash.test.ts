import type { OrgRole } from '@specboard/db';
import { listActivity } from '@specboard/db/activity';
import { findDocument } from '@specboard/db/documents';
import { transitionPlanRun } from '@specboard/db/plan-run-progress';
import { createPlanRun, getPlanRun } from '@specboard/db/plan-runs';
import { getProject } from '@specboard/db/projects';
import { listRevocations } from '@specboard/db/revocations';
import { createVersion } from '@specboard/db/versions';
import { verifySyncToken } from '@specboard/doc/sync-token';
import { beforeAll, describe, expect, it } from 'vitest';
import { boardLoader } from '../board/board.server.ts';
import { db } from '../db.server.ts';
import { documentAction, documentLoader } from '../documents/document.server.ts';
import { recordDocumentEdit } from '../documents/edits.server.ts';
import { issueSyncToken } from '../documents/sync-token.server.ts';
import { env } from '../env.server.ts';
import { orgLayoutLoader } from '../orgs/org-layout.server.ts';
import { searchLoader } from '../orgs/search.server.ts';
import { runAction } from '../runs/runs.server.ts';
import { appRequest, outcome, type TestUser } from '../testing/app-fixture.ts';
import {
  allRoles,
  orgWithMembers,
  projectWithDocument,
  setUpTestApp,
} from '../testing/org-fixture.ts';
import { historyAction } from '../versions/history.server.ts';
import { projectAction } from './project.server.ts';
import { trashAction, trashLoader } from './trash.server.ts';

setUpTestApp();

let orgId: string;
let users: Record<OrgRole, TestUser>;
let outsider: TestUser;
let outsiderOrgId: string;

beforeAll(async () => {
  ({ orgId, users } = await orgWithMembers({ roles: allRoles }));
  const other = await orgWithMembers({ roles: [] });
  outsider = other.users.owner;
  outsiderOrgId = other.orgId;
});

/** A project whose PRD has a saved version mentioning `word`, so search can find it. */
async function searchableProject(word: string) {
  const { project, document } = await projectWithDocument({
    orgId,
    createdBy: users.owner.id,
    projectName: `${word} project`,
  });
  await createVersion(db(), {
    orgId,
    documentId: document.id,
    trigger: 'manual',
    yState: new Uint8Array([0, 0]),
    contentJson: {},
    contentMd: `The ${word} flow`,
    createdBy: users.owner.id,
  });
  return { project, document };
}

const post = (user: TestUser, path: string, form: Record<string, string>) =>
  appRequest(path, { user, form });

async function tokenRoleFrom(response: unknown) {
  if (!(response instanceof Response)) throw new Error('expected a response');
  const { token } = (await response.json()) as { token: string };
  const verified = await verifySyncToken(token, env().SYNC_TOKEN_SECRET);
  if (!verified.ok) throw new Error(verified.message);
  return verified.claims;
}

const editorToken = (documentId: string) =>
  issueSyncToken(
    post(users.editor, `/orgs/${orgId}/documents/${documentId}/sync-token`, {}),
    orgId,
    documentId,
  );

/** A run of the project (a plan, or Ask AI on a document), put in `status` as the worker would. */
async function recordRun(
  projectId: string,
  status: 'queued' | 'running' | 'succeeded' | 'failed',
  documentId?: string,
) {
  const { run } = await createPlanRun(db(), {
    orgId,
    projectId,
    triggeredBy: users.owner.id,
    provider: 'offline',
    model: 'default',
    inputSnapshot: documentId
      ? { kind: 'suggest', documentId, requestedBy: users.owner.id, instruction: 'x' }
      : { kind: 'plan', idea: 'x', constraints: {} },
    steps: [{ step: documentId ? 'suggest' : 'prd' }],
  });
  if (status !== 'queued') await transitionPlanRun(db(), orgId, run.id, ['queued'], 'running');
  if (status === 'succeeded' || status === 'failed') {
    await transitionPlanRun(db(), orgId, run.id, ['running'], status);
  }
  return run;
}

async function archive(projectId: string) {
  const result = await outcome(() =>
    projectAction(
      post(users.editor, `/orgs/${orgId}/projects/${projectId}`, { intent: 'archive' }),
      orgId,
      projectId,
    ),
  );
  expect(result.status).toBe(302);
}

const trash = (user: TestUser, form: Record<string, string>, org = orgId) =>
  outcome(() => trashAction(post(user, `/orgs/${org}/trash`, form), org));

async function hitsFor(word: string): Promise<string[]> {
  const found = await searchLoader(
    appRequest(`/orgs/${orgId}/search?q=${word}`, { user: users.viewer }),
    orgId,
  );
  return found.hits.map((h) => h.key);
}

describe('an archived project is read-only everywhere until restored', () => {
  it('cancels its queued and running AI runs, which would write into it', async () => {
    const { project } = await projectWithDocument({ orgId, createdBy: users.owner.id });
    const run = (status: 'queued' | 'running' | 'succeeded') =>
      recordRun(project.id, status).then((created) => created.id);
    const [queued, running, finished] = [
      await run('queued'),
      await run('running'),
      await run('succeeded'),
    ];
    await archive(project.id);
    const statusOf = async (runId: string) => (await getPlanRun(db(), orgId, runId))?.run.status;
    expect([await statusOf(queued), await statusOf(running), await statusOf(finished)]).toEqual([
      'cancelled',
      'cancelled',
      'succeeded',
    ]);
  });

  it('cancels the AI runs about a document deleted to the trash, and only those', async () => {
    const { project, document } = await projectWithDocument({ orgId, createdBy: users.owner.id });
    const aboutIt = (await recordRun(project.id, 'running', document.id)).id;
    const plan = (await recordRun(project.id, 'queued')).id;
    const deleted = await outcome(() =>
      documentAction(
        post(users.editor, `/orgs/${orgId}/documents/${document.id}`, { intent: 'delete' }),
        orgId,
        document.id,
      ),
    );
    expect(deleted.status).toBe(302);
    const statusOf = async (runId: string) => (await getPlanRun(db(), orgId, runId))?.run.status;
    expect([await statusOf(aboutIt), await statusOf(plan)]).toEqual(['cancelled', 'queued']);

    const failed = (await recordRun(project.id, 'failed', document.id)).id;
    const retried = await outcome(() =>
      runAction(
        post(users.editor, `/orgs/${orgId}/runs/${failed}`, { intent: 'retry', step: 'suggest' }),
        orgId,
        failed,
      ),
    );
    expect(retried).toMatchObject({
      status: 409,
      body: { message: expect.stringMatching(/document is in the trash/) },
    });
  });

  it('viewer tokens, no board, refused actions, out of search; restored: editable again', async () => {
    const { project, document } = await searchableProject('pelican');
    expect(await hitsFor('pelican')).toEqual([`document:${document.id}`]);
    await archive(project.id);

    const page = await documentLoader(
      appRequest(`/orgs/${orgId}/documents/${document.id}`, { user: users.editor }),
      orgId,
      document.id,
    );
    expect(page).toMatchObject({ readOnly: true, canManage: false, trash: 'project-archived' });
    expect((await verifySyncToken(page.token.token, env().SYNC_TOKEN_SECRET)).ok).toBe(true);
    expect((await tokenRoleFrom(await editorToken(document.id))).role).toBe('viewer');

    const board = await outcome(() =>
      boardLoader(
        appRequest(`/orgs/${orgId}/projects/${project.id}/board`, { user: users.editor }),
        orgId,
        project.id,
      ),
    );
    expect(board).toMatchObject({ status: 409, body: expect.stringMatching(/in the trash/) });
    expect(await hitsFor('pelican')).toEqual([]);

    const docPath = `/orgs/${orgId}/documents/${document.id}`;
    const refused = await Promise.all([
      outcome(() =>
        documentAction(
          post(users.editor, docPath, { intent: 'rename', title: 'X' }),
          orgId,
          document.id,
        ),
      ),
      outcome(() =>
        documentAction(post(users.editor, docPath, { intent: 'delete' }), orgId, document.id),
      ),
      outcome(() =>
        recordDocumentEdit(post(users.editor, `${docPath}/edits`, {}), orgId, document.id),
      ),
      outcome(() =>
        projectAction(
          post(users.editor, `/orgs/${orgId}/projects/${project.id}`, {
            intent: 'create-document',
            type: 'notes',
            title: 'More',
          }),
          orgId,
          project.id,
        ),
      ),
    ]);
    expect(refused.map((r) => r.status)).toEqual([409, 409, 409, 409]);
    const saved = await outcome(() =>
      historyAction(
        post(users.editor, `${docPath}/history`, { intent: 'save' }),
        orgId,
        document.id,
      ),
    );
    expect(saved.status).toBe(404);

    const restored = await trash(users.admin, { intent: 'restore-project', id: project.id });
    expect(restored).toMatchObject({ status: 200, body: { ok: true } });
    const claims = await tokenRoleFrom(await editorToken(document.id));
    expect(claims.role).toBe('editor');
    // The revocation written at archiving refuses only tokens issued at or before it.
    const revocation = (await listRevocations(db())).find(
      (r) => r.scope === 'project' && r.scopeId === project.id,
    );
    expect(claims.iat * 1000).toBeGreaterThan(revocation?.revokedAtMs ?? Number.POSITIVE_INFINITY);
    expect(await hitsFor('pelican')).toEqual([`document:${document.id}`]);
    const renamed = await outcome(() =>
      documentAction(
        post(users.editor, docPath, { intent: 'rename', title: 'Back' }),
        orgId,
        document.id,
      ),
    );
    expect(renamed.status).toBe(200);
  });
});

describe('deleted documents', () => {
  it('open read-only; restored into an archived project they stay read-only there', async () => {
    const { project, document } = await searchableProject('heron');
    const docPath = `/orgs/${orgId}/documents/${document.id}`;
    await documentAction(post(users.editor, docPath, { intent: 'delete' }), orgId, document.id);
    expect((await tokenRoleFrom(await editorToken(document.id))).role).toBe('viewer');
    expect(await hitsFor('heron')).toEqual([]);
    await archive(project.id);

    const listed = await trashLoader(
      appRequest(`/orgs/${orgId}/trash`, { user: users.admin }),
      orgId,
    );
    expect(listed.documents).toContainEqual(
      expect.objectContaining({
        id: document.id,
        deletedBy: 'editor person',
        projectArchived: true,
      }),
    );
    expect(listed.projects).toContainEqual(
      expect.objectContaining({ id: project.id, archivedBy: 'editor person', documentCount: 0 }),
    );

    const restored = await trash(users.owner, { intent: 'restore-document', id: document.id });
    expect(restored).toMatchObject({
      status: 200,
      body: { ok: true, message: expect.stringMatching(/still in the trash/) },
    });
    expect((await tokenRoleFrom(await editorToken(document.id))).role).toBe('viewer');
  });
});

describe('purging', () => {
  it('needs the confirmation, removes the item and is recorded', async () => {
    const { document } = await projectWithDocument({ orgId, createdBy: users.owner.id });
    const docPath = `/orgs/${orgId}/documents/${document.id}`;
    await documentAction(post(users.editor, docPath, { intent: 'delete' }), orgId, document.id);

    const unconfirmed = await trash(users.admin, { intent: 'purge-document', id: document.id });
    expect(unconfirmed.status).toBe(400);
    expect(await findDocument(db(), orgId, document.id)).toBeDefined();

    const purged = await trash(users.admin, {
      intent: 'purge-document',
      id: document.id,
      confirm: 'yes',
    });
    expect(purged).toMatchObject({ status: 200, body: { ok: true } });
    expect(await findDocument(db(), orgId, document.id)).toBeUndefined();
    const [entry] = await listActivity(db(), orgId, {
      resourceType: 'document',
      resourceId: document.id,
      limit: 1,
    });
    expect(entry).toMatchObject({ action: 'purged', actor_id: users.admin.id });
  });

  it('purges an archived project with its documents', async () => {
    const { project, document } = await searchableProject('osprey');
    await archive(project.id);
    const purged = await trash(users.owner, {
      intent: 'purge-project',
      id: project.id,
      confirm: 'yes',
    });
    expect(purged.status).toBe(200);
    expect(await getProject(db(), orgId, project.id)).toBeUndefined();
    expect(await findDocument(db(), orgId, document.id)).toBeUndefined();
    const [entry] = await listActivity(db(), orgId, { resourceId: project.id, limit: 1 });
    expect(entry).toMatchObject({ action: 'purged', changes: { name: 'osprey project' } });
  });
});

describe('who may use the trash', () => {
  it('the navigation links to it for admins and owners only', async () => {
    const layout = (role: OrgRole) =>
      orgLayoutLoader(appRequest(`/orgs/${orgId}`, { user: users[role] }), orgId);
    expect(await Promise.all(allRoles.map(async (r) => (await layout(r)).canManageTrash))).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it('members below admin get 403; non-members and other organisations’ ids get 404', async () => {
    const { project } = await projectWithDocument({ orgId, createdBy: users.owner.id });
    await archive(project.id);
    for (const role of ['editor', 'commenter', 'viewer'] as const) {
      const page = await outcome(() =>
        trashLoader(appRequest(`/orgs/${orgId}/trash`, { user: users[role] }), orgId),
      );
      expect(page.status).toBe(403);
      expect((await trash(users[role], { intent: 'restore-project', id: project.id })).status).toBe(
        403,
      );
    }
    const outsiderPage = await outcome(() =>
      trashLoader(appRequest(`/orgs/${orgId}/trash`, { user: outsider }), orgId),
    );
    expect(outsiderPage.status).toBe(404);
    // The other organisation's owner, in their own trash, names this organisation's project.
    const foreign = await trash(
      outsider,
      { intent: 'restore-project', id: project.id },
      outsiderOrgId,
    );
    expect(foreign.status).toBe(404);
    const foreignPurge = await trash(
      outsider,
      { intent: 'purge-project', id: project.id, confirm: 'yes' },
      outsiderOrgId,
    );
    expect(foreignPurge.status).toBe(404);
    expect(await getProject(db(), orgId, project.id)).toMatchObject({ status: 'archived' });
  });
});
