import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listActivity, recordActivity } from './activity.ts';
import {
  createDocument,
  getDocument,
  listDocuments,
  renameDocument,
  softDeleteDocument,
} from './documents.ts';
import { getMembership, listMemberships } from './organizations.ts';
import { createPlanRun, getPlanRun, listPlanRuns } from './plan-runs.ts';
import { archiveProject, getProject, listProjects, updateProject } from './projects.ts';
import { searchOrganization } from './search.ts';
import { listTasks, replaceBoardProjection } from './tasks.ts';
import { getTemplate, listTemplates, upsertTemplate } from './templates.ts';
import {
  createTenant,
  createTestDatabase,
  type Tenant,
  type TestDatabase,
} from './testing/index.ts';

let t: TestDatabase;
let acme: Tenant;
let globex: Tenant;

beforeAll(async () => {
  t = await createTestDatabase();
  acme = await createTenant(t.db, 'Acme');
  globex = await createTenant(t.db, 'Globex');
});
afterAll(async () => {
  await t.drop();
});

describe('organisation scoping', () => {
  it("never returns another organisation's project, even by its exact id", async () => {
    expect(await getProject(t.db, acme.orgId, acme.projectId)).toMatchObject({
      name: 'Acme launch',
    });
    expect(await getProject(t.db, globex.orgId, acme.projectId)).toBeUndefined();
    expect((await listProjects(t.db, globex.orgId)).map((p) => p.id)).toEqual([globex.projectId]);
    expect(
      await updateProject(t.db, globex.orgId, acme.projectId, { name: 'hijacked' }),
    ).toBeUndefined();
    expect(await archiveProject(t.db, globex.orgId, acme.projectId)).toBeUndefined();
    expect((await getProject(t.db, acme.orgId, acme.projectId))?.name).toBe('Acme launch');
  });

  it("never returns another organisation's documents", async () => {
    const doc = await createDocument(t.db, {
      orgId: acme.orgId,
      projectId: acme.projectId,
      type: 'notes',
      title: 'Interview notes',
      createdBy: acme.userId,
    });
    if (!doc) throw new Error('not created');
    expect(await getDocument(t.db, globex.orgId, doc.id)).toBeUndefined();
    expect(await listDocuments(t.db, globex.orgId, acme.projectId)).toEqual([]);
    expect(await renameDocument(t.db, globex.orgId, doc.id, 'x')).toBeUndefined();
    expect(await softDeleteDocument(t.db, globex.orgId, doc.id)).toBeUndefined();
    expect(
      await createDocument(t.db, {
        orgId: globex.orgId,
        projectId: acme.projectId,
        type: 'notes',
        title: 'sneaky',
        createdBy: globex.userId,
      }),
    ).toBeUndefined();
  });

  it('answers malformed ids with nothing instead of an error', async () => {
    expect(await getProject(t.db, acme.orgId, "1' or '1'='1")).toBeUndefined();
    expect(await getDocument(t.db, 'not-an-org', acme.projectId)).toBeUndefined();
    expect(await listProjects(t.db, '')).toEqual([]);
    expect(await getMembership(t.db, { orgId: 'nope', userId: acme.userId })).toBeUndefined();
  });

  it('knows who belongs where', async () => {
    expect(await getMembership(t.db, { orgId: acme.orgId, userId: acme.userId })).toEqual({
      role: 'owner',
    });
    expect(await getMembership(t.db, { orgId: acme.orgId, userId: globex.userId })).toBeUndefined();
    expect((await listMemberships(t.db, globex.userId)).map((m) => m.orgId)).toEqual([
      globex.orgId,
    ]);
  });

  it('keeps plan runs, activity, templates and tasks inside their organisation', async () => {
    const { run } = await createPlanRun(t.db, {
      orgId: acme.orgId,
      projectId: acme.projectId,
      triggeredBy: acme.userId,
      provider: 'offline',
      model: 'offline-template',
      inputSnapshot: {},
      steps: [{ step: 'prd' }],
    });
    expect(await getPlanRun(t.db, globex.orgId, run.id)).toBeUndefined();
    expect(await listPlanRuns(t.db, globex.orgId, acme.projectId)).toEqual([]);

    await recordActivity(t.db, {
      orgId: acme.orgId,
      actorId: acme.userId,
      resourceType: 'project',
      resourceId: acme.projectId,
      action: 'renamed',
    });
    expect(await listActivity(t.db, globex.orgId)).toEqual([]);
    expect((await listActivity(t.db, acme.orgId)).map((a) => a.action)).toContain('renamed');

    const own = await upsertTemplate(t.db, {
      orgId: acme.orgId,
      kind: 'prd',
      name: 'Acme PRD',
      structure: { sections: [] },
    });
    expect(await getTemplate(t.db, globex.orgId, own.id)).toBeUndefined();
    expect((await listTemplates(t.db, globex.orgId)).map((x) => x.id)).not.toContain(own.id);

    await replaceBoardProjection(t.db, {
      orgId: acme.orgId,
      projectId: acme.projectId,
      rows: [task('01JBOARDTASK0000000000000A', 'Wire up Stripe checkout')],
    });
    expect(await listTasks(t.db, globex.orgId, acme.projectId)).toEqual([]);
    expect(await searchOrganization(t.db, globex.orgId, 'stripe')).toEqual([]);
    expect((await searchOrganization(t.db, acme.orgId, 'stripe'))[0]).toMatchObject({
      kind: 'task',
      snippet: expect.stringContaining('«Stripe»'),
    });
  });
});

function task(id: string, title: string) {
  return {
    id,
    title,
    description: 'Payment provider integration',
    status: 'todo',
    order: 'a0',
    estimate: 3,
    priority: null,
    assigneeId: null,
    labels: ['payments'],
    dependsOn: [],
    acceptanceCriteria: [],
    epicId: null,
    storyId: null,
    sourceVersionId: null,
    sourceAnchor: null,
  };
}
