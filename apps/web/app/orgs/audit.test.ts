import { recordActivity } from '@specboard/db/activity';
import { describe, expect, it } from 'vitest';
import { db } from '../db.server.ts';
import { appRequest, outcome } from '../testing/app-fixture.ts';
import { orgWithMembers, projectWithDocument, setUpTestApp } from '../testing/org-fixture.ts';
import { auditLoader } from './audit.server.ts';

setUpTestApp();

describe('audit trail page', () => {
  it('shows admins who did what, filtered by person, project and kind; others are refused', async () => {
    const { orgId, users } = await orgWithMembers({ roles: ['admin', 'editor'] });
    const { project, document } = await projectWithDocument({ orgId, createdBy: users.owner.id });
    const other = await projectWithDocument({
      orgId,
      createdBy: users.owner.id,
      projectName: 'Other',
    });
    await recordActivity(db(), {
      orgId,
      actorId: users.editor.id,
      resourceType: 'document',
      resourceId: document.id,
      action: 'renamed',
    });
    await recordActivity(db(), {
      orgId,
      actorId: null,
      resourceType: 'plan_run',
      resourceId: other.document.id,
      action: 'run.failed',
    });
    await recordActivity(db(), {
      orgId,
      actorId: null,
      resourceType: 'task',
      resourceId: '01JB0ARD000000000000000009',
      action: 'task.moved',
      changes: { projectId: project.id, from: 'todo', to: 'done' },
    });

    const load = (query: string, user = users.admin) =>
      auditLoader(appRequest(`/orgs/${orgId}/audit${query}`, { user }), orgId);
    const all = await load('');
    expect(all.entries.map((e) => e.action).slice(0, 3)).toEqual([
      'task.moved',
      'run.failed',
      'renamed',
    ]);
    expect((await load(`?person=${users.editor.id}`)).entries.map((e) => e.action)).toEqual([
      'renamed',
    ]);
    const byProject = await load(`?project=${project.id}`);
    expect(byProject.entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(['task.moved', 'renamed']),
    );
    expect(byProject.entries.map((e) => e.action)).not.toContain('run.failed');
    expect((await load('?kind=task')).entries.map((e) => e.action)).toEqual(['task.moved']);

    expect((await outcome(() => load('', users.editor))).status).toBe(403);
    expect((await outcome(() => load('?person=nobody'))).status).toBe(400);
  });
});
