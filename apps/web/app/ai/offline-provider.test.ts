import { getPlanRun } from '@specboard/db/plan-runs';
import { describe, expect, it } from 'vitest';
import { db } from '../db.server.ts';
import { closeJobQueue } from '../runs/job-queue.server.ts';
import { generateAction, generateLoader } from '../runs/runs.server.ts';
import { appRequest, outcome } from '../testing/app-fixture.ts';
import { setUpTestApp } from '../testing/org-fixture.ts';
import { orgPastItsBudgets } from '../testing/spend-fixture.ts';
import { aiSettingsLoader } from './settings.server.ts';
import { usageLoader } from './usage.server.ts';

// No OPENAI_API_KEY or OPENAI_BASE_URL: the worker drafts every run with the offline templates.
setUpTestApp({ cleanUp: closeJobQueue });

describe('with no AI endpoint configured', () => {
  it('starts Generate on the free offline provider though the month is past both budgets', async () => {
    const { orgId, users, project } = await orgPastItsBudgets();
    const path = `/orgs/${orgId}/projects/${project.id}/generate`;
    const started = await outcome(() =>
      generateAction(
        appRequest(path, { user: users.editor, form: { provider: 'project' } }),
        orgId,
        project.id,
      ),
    );
    expect(started.status).toBe(302);
    const runId = started.location?.split('/').pop() ?? '';
    expect((await getPlanRun(db(), orgId, runId))?.run.status).toBe('queued');
  });

  it('says on the Generate, AI settings and usage pages that the offline provider is in use', async () => {
    const { orgId, users, project } = await orgPastItsBudgets();
    const pages = [
      () => generateLoader(appRequest('/', { user: users.owner }), orgId, project.id),
      () => aiSettingsLoader(appRequest('/', { user: users.owner }), orgId),
      () => usageLoader(appRequest('/', { user: users.owner }), orgId),
    ];
    for (const page of pages) {
      expect((await outcome(page)).body).toMatchObject({
        spend: {
          offline: expect.stringMatching(/offline provider is in use/),
          exhausted: null,
          warning: null,
        },
      });
    }
  });
});
