import { describe, expect, it } from 'vitest';
import { closeJobQueue } from '../runs/job-queue.server.ts';
import { generateAction } from '../runs/runs.server.ts';
import { appRequest, outcome } from '../testing/app-fixture.ts';
import { setUpTestApp } from '../testing/org-fixture.ts';
import { orgPastItsBudgets } from '../testing/spend-fixture.ts';
import { aiSettingsLoader } from './settings.server.ts';

// An AI endpoint is configured (nothing listens there: a refused run never reaches it).
setUpTestApp({ aiEndpoint: 'http://127.0.0.1:9/v1', cleanUp: closeJobQueue });

describe('with an AI endpoint configured', () => {
  it('refuses Generate once the month is past the budget, with the numbers, and says so first', async () => {
    const { orgId, users, project } = await orgPastItsBudgets();
    const settings = await outcome(() =>
      aiSettingsLoader(appRequest('/', { user: users.owner }), orgId),
    );
    expect(settings.body).toMatchObject({
      spend: {
        offline: null,
        exhausted:
          'Paid AI runs are refused: budget exhausted (used 1,100 of 1,000 tokens this month).',
      },
    });
    const path = `/orgs/${orgId}/projects/${project.id}/generate`;
    const refused = await outcome(() =>
      generateAction(
        appRequest(path, { user: users.editor, form: { provider: 'project' } }),
        orgId,
        project.id,
      ),
    );
    expect(refused).toMatchObject({
      status: 400,
      body: {
        fieldErrors: {
          form: ['Refused: budget exhausted (used 1,100 of 1,000 tokens this month).'],
        },
      },
    });
  });
});
