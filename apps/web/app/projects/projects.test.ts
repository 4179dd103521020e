import type { OrgRole } from '@specboard/db';
import { listActivity } from '@specboard/db/activity';
import { createProject, getProject } from '@specboard/db/projects';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../db.server.ts';
import { appRequest, outcome, type TestUser } from '../testing/app-fixture.ts';
import { allRoles, orgWithMembers, setUpTestApp } from '../testing/org-fixture.ts';
import { projectAction, projectLoader } from './project.server.ts';
import { createProjectAction, projectsLoader } from './projects.server.ts';

setUpTestApp();

let orgId: string;
let otherOrgId: string;
let users: Record<OrgRole, TestUser>;
let outsider: TestUser;

beforeAll(async () => {
  ({ orgId, users } = await orgWithMembers({ roles: allRoles }));
  const other = await orgWithMembers({ roles: [] });
  otherOrgId = other.orgId;
  outsider = other.users.owner;
});

async function newProject(name = 'Checkout revamp') {
  return createProject(db(), { orgId, name, createdBy: users.owner.id });
}

describe('creating a project', () => {
  it('answers 400 with a message per invalid field', async () => {
    const request = appRequest(`/orgs/${orgId}`, {
      user: users.editor,
      form: { name: 'x', preferredProvider: 'skynet' },
    });
    const result = await outcome(() => createProjectAction(request, orgId));
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({
      fieldErrors: {
        name: ['Use at least 2 characters'],
        preferredProvider: ['Pick a provider from the list'],
      },
    });
  });

  it('stores name, idea and constraints, records the activity and opens the project', async () => {
    const request = appRequest(`/orgs/${orgId}`, {
      user: users.editor,
      form: {
        name: 'Team inbox',
        idea: 'Shared inbox for support',
        timeline: 'Q3',
        stack: 'Postgres',
        preferredProvider: 'ollama',
        preferredModel: 'llama3',
      },
    });
    const result = await outcome(() => createProjectAction(request, orgId));
    expect(result.status).toBe(302);
    const projectId = result.location?.split('/').pop() ?? '';
    const project = await getProject(db(), orgId, projectId);
    expect(project).toMatchObject({
      name: 'Team inbox',
      constraints: { timeline: 'Q3', stack: 'Postgres' },
      preferred_provider: 'ollama',
    });
    const activity = await listActivity(db(), orgId, {
      resourceType: 'project',
      resourceId: projectId,
    });
    expect(activity.map((a) => a.action)).toEqual(['created']);
  });

  it('refuses a form posted from another site', async () => {
    const request = appRequest(`/orgs/${orgId}`, {
      user: users.owner,
      form: { name: 'Evil' },
      origin: 'https://evil.example',
    });
    expect((await outcome(() => createProjectAction(request, orgId))).status).toBe(403);
  });
});

describe('authorisation per role', () => {
  const writers: OrgRole[] = ['owner', 'admin', 'editor'];

  it.each(allRoles)('%s: can list projects', async (role) => {
    const result = await outcome(() =>
      projectsLoader(appRequest(`/orgs/${orgId}`, { user: users[role] }), orgId),
    );
    expect(result.status).toBe(200);
  });

  it.each(allRoles)('%s: create project allowed only for writers', async (role) => {
    const request = appRequest(`/orgs/${orgId}`, {
      user: users[role],
      form: { name: `By ${role}` },
    });
    const result = await outcome(() => createProjectAction(request, orgId));
    expect(result.status).toBe(writers.includes(role) ? 302 : 403);
  });

  it.each(allRoles)('%s: rename project allowed only for writers', async (role) => {
    const project = await newProject();
    const request = appRequest(`/x`, {
      user: users[role],
      form: { intent: 'update', name: 'Renamed' },
    });
    const result = await outcome(() => projectAction(request, orgId, project.id));
    expect(result.status).toBe(writers.includes(role) ? 200 : 403);
    const stored = await getProject(db(), orgId, project.id);
    expect(stored?.name).toBe(writers.includes(role) ? 'Renamed' : 'Checkout revamp');
  });

  it.each(allRoles)('%s: archive project allowed only for writers', async (role) => {
    const project = await newProject();
    const request = appRequest(`/x`, { user: users[role], form: { intent: 'archive' } });
    const result = await outcome(() => projectAction(request, orgId, project.id));
    expect(result.status).toBe(writers.includes(role) ? 302 : 403);
    const stored = await getProject(db(), orgId, project.id);
    expect(stored?.deleted_at !== null).toBe(writers.includes(role));
  });

  it.each(allRoles)('%s: create notes allowed only for writers', async (role) => {
    const project = await newProject();
    const request = appRequest(`/x`, {
      user: users[role],
      form: { intent: 'create-document', type: 'notes', title: 'Kick-off notes' },
    });
    const result = await outcome(() => projectAction(request, orgId, project.id));
    expect(result.status).toBe(writers.includes(role) ? 302 : 403);
  });
});

describe('cross-organisation access', () => {
  it('hides another organisation and its projects behind 404', async () => {
    const project = await newProject('Secret plan');
    const asOutsider = appRequest(`/orgs/${orgId}/projects/${project.id}`, { user: outsider });
    expect((await outcome(() => projectLoader(asOutsider, orgId, project.id))).status).toBe(404);
    // Even through their own organisation's URL, the id of someone else's project finds nothing.
    expect((await outcome(() => projectLoader(asOutsider, otherOrgId, project.id))).status).toBe(
      404,
    );
    const archive = appRequest(`/x`, { user: outsider, form: { intent: 'archive' } });
    expect((await outcome(() => projectAction(archive, otherOrgId, project.id))).status).toBe(404);
    expect((await getProject(db(), orgId, project.id))?.deleted_at).toBeNull();
  });

  it('sends a signed-out visitor to sign in', async () => {
    const result = await outcome(() => projectsLoader(appRequest(`/orgs/${orgId}`), orgId));
    expect(result.status).toBe(302);
    expect(result.location).toBe(`/sign-in?redirectTo=${encodeURIComponent(`/orgs/${orgId}`)}`);
  });
});
