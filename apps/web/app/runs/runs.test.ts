import type { OrgRole } from '@specboard/db';
import { setRunStepsStatus, transitionPlanRun } from '@specboard/db/plan-run-progress';
import { getPlanRun } from '@specboard/db/plan-runs';
import { archiveProject, createProject } from '@specboard/db/projects';
import { planRunQueue } from '@specboard/jobs';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../db.server.ts';
import { appRequest, outcome, type TestUser } from '../testing/app-fixture.ts';
import { allRoles, orgWithMembers, setUpTestApp } from '../testing/org-fixture.ts';
import { closeJobQueue, jobQueue } from './job-queue.server.ts';
import { generateAction, generateLoader, runAction, runLoader } from './runs.server.ts';

setUpTestApp({ cleanUp: closeJobQueue });

let orgId: string;
let users: Record<OrgRole, TestUser>;
let outsider: TestUser;

beforeAll(async () => {
  ({ orgId, users } = await orgWithMembers({ roles: allRoles }));
  outsider = (await orgWithMembers({ roles: [] })).users.owner;
});

const newProject = (idea = 'Dog walking marketplace') =>
  createProject(db(), { orgId, name: 'Walkies', idea, createdBy: users.owner.id });

async function generate(user: TestUser, projectId: string, form: Record<string, string> = {}) {
  const path = `/orgs/${orgId}/projects/${projectId}/generate`;
  return outcome(() => generateAction(appRequest(path, { user, form }), orgId, projectId));
}

describe('Generate', () => {
  it('is for editors only, and hides other organisations’ projects', async () => {
    const project = await newProject();
    expect((await generate(users.viewer, project.id)).status).toBe(403);
    expect((await generate(users.commenter, project.id)).status).toBe(403);
    expect((await generate(outsider, project.id)).status).toBe(404);
    const foreign = appRequest(`/orgs/${orgId}/projects/${project.id}/generate`, {
      user: users.editor,
      form: {},
      origin: 'https://evil.example',
    });
    expect((await outcome(() => generateAction(foreign, orgId, project.id))).status).toBe(403);
  });

  it('validates the models to compare and needs an idea', async () => {
    const project = await newProject();
    const tooMany = await generate(users.editor, project.id, { prdModels: 'a, b, c, d' });
    expect(tooMany).toMatchObject({
      status: 400,
      body: { fieldErrors: { prdModels: ['Compare at most 3 models side by side'] } },
    });
    const empty = await newProject('');
    expect(await generate(users.editor, empty.id)).toMatchObject({
      status: 400,
      body: { fieldErrors: { form: [expect.stringContaining('idea')] } },
    });
  });

  it('queues a run of prd → tech → breakdown → tasks with PRD variants, and opens it', async () => {
    const project = await newProject();
    const result = await generate(users.editor, project.id, {
      provider: 'offline',
      prdModels: 'small, large',
    });
    expect(result.status).toBe(302);
    const runId = result.location?.split('/').pop() ?? '';
    expect(result.location).toBe(`/orgs/${orgId}/runs/${runId}`);
    const found = await getPlanRun(db(), orgId, runId);
    expect(found?.run).toMatchObject({ status: 'queued', triggered_by: users.editor.id });
    expect(found?.steps.map((s) => [s.step, s.variant, s.provider, s.model])).toEqual([
      ['prd', 'v1', 'offline', 'small'],
      ['prd', 'v2', 'offline', 'large'],
      ['tech', 'default', 'offline', 'default'],
      ['breakdown', 'default', 'offline', 'default'],
      ['tasks', 'default', 'offline', 'default'],
    ]);
    const { boss } = await jobQueue();
    const [job] = await boss.fetch(planRunQueue.name);
    expect(job?.data).toEqual({ orgId, runId });

    const list = await outcome(() =>
      generateLoader(appRequest(`/`, { user: users.viewer }), orgId, project.id),
    );
    expect(list.body).toMatchObject({
      canGenerate: false,
      runs: [{ id: runId, provider: 'offline' }],
      modelStats: [],
    });
  });
});

describe('a run', () => {
  async function queuedRun() {
    const project = await newProject();
    const result = await generate(users.owner, project.id);
    return result.location?.split('/').pop() ?? '';
  }
  const act = (user: TestUser, runId: string, form: Record<string, string>) =>
    outcome(() =>
      runAction(appRequest(`/orgs/${orgId}/runs/${runId}`, { user, form }), orgId, runId),
    );

  it('shows every member its steps and metrics, and nobody outside the organisation', async () => {
    const runId = await queuedRun();
    const view = await outcome(() =>
      runLoader(appRequest(`/orgs/${orgId}/runs/${runId}`, { user: users.viewer }), orgId, runId),
    );
    expect(view.body).toMatchObject({
      run: { id: runId, status: 'queued', active: true },
      canControl: false,
    });
    const hidden = await outcome(() =>
      runLoader(appRequest(`/orgs/${orgId}/runs/${runId}`, { user: outsider }), orgId, runId),
    );
    expect(hidden.status).toBe(404);
  });

  it('is cancelled and retried by editors only, and answers 409 when it cannot be', async () => {
    const runId = await queuedRun();
    expect((await act(users.viewer, runId, { intent: 'cancel' })).status).toBe(403);
    expect((await act(users.editor, runId, { intent: 'cancel' })).body).toMatchObject({ ok: true });
    expect((await act(users.editor, runId, { intent: 'cancel' })).status).toBe(409);
    const found = await getPlanRun(db(), orgId, runId);
    expect(found?.run.status).toBe('cancelled');
    expect(found?.steps.every((s) => s.status === 'cancelled')).toBe(true);

    expect((await act(users.editor, runId, { intent: 'retry', step: 'deploy' })).status).toBe(400);
    expect((await act(users.commenter, runId, { intent: 'retry', step: 'prd' })).status).toBe(403);
    const retried = await act(users.editor, runId, { intent: 'retry', step: 'prd' });
    expect(retried.body).toMatchObject({ ok: true });
    expect((await getPlanRun(db(), orgId, runId))?.run.status).toBe('queued');
    expect((await act(users.editor, runId, { intent: 'retry', step: 'prd' })).status).toBe(409);
  });
  it('is not retried once its project is in the trash (the worker would write into it)', async () => {
    const project = await newProject();
    const started = await generate(users.owner, project.id);
    const runId = started.location?.split('/').pop() ?? '';
    expect((await act(users.editor, runId, { intent: 'cancel' })).body).toMatchObject({ ok: true });
    await archiveProject(db(), orgId, project.id);
    expect(await act(users.editor, runId, { intent: 'retry', step: 'prd' })).toMatchObject({
      status: 409,
      body: { message: expect.stringMatching(/project is in the trash/) },
    });
    expect((await getPlanRun(db(), orgId, runId))?.run.status).toBe('cancelled');
  });

  it('says why a run whose job was lost stopped, and offers Retry instead of Cancel', async () => {
    const runId = await queuedRun();
    const found = await getPlanRun(db(), orgId, runId);
    const prd = found?.steps[0]?.id ?? '';
    // What the worker's dead letter job writes when the plan-run job failed for good.
    const reason = 'The worker running this step stopped responding (it crashed or was killed).';
    await setRunStepsStatus(db(), orgId, runId, ['queued'], 'failed', {
      stepIds: [prd],
      errorMessage: reason,
    });
    await setRunStepsStatus(db(), orgId, runId, ['queued'], 'skipped', {
      errorMessage: 'skipped: "prd" did not succeed',
    });
    await transitionPlanRun(db(), orgId, runId, ['queued'], 'failed', {
      errorMessage: `prd: ${reason}`,
    });
    const view = await outcome(() =>
      runLoader(appRequest(`/orgs/${orgId}/runs/${runId}`, { user: users.editor }), orgId, runId),
    );
    expect(view.body).toMatchObject({
      run: { status: 'failed', active: false, error: `prd: ${reason}` },
      steps: [
        { step: 'prd', status: 'failed', error: reason, canRetry: true },
        { step: 'tech', status: 'skipped', canRetry: true },
        { step: 'breakdown', status: 'skipped' },
        { step: 'tasks', status: 'skipped' },
      ],
      canControl: true,
    });
    expect((await act(users.editor, runId, { intent: 'cancel' })).status).toBe(409);
    expect((await act(users.editor, runId, { intent: 'retry', step: 'prd' })).body).toMatchObject({
      ok: true,
    });
    expect((await getPlanRun(db(), orgId, runId))?.run.status).toBe('queued');
  });
});
