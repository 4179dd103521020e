import { getAiSettings } from '@specboard/db/ai-settings';
import { recordFinishedPlanRun } from '@specboard/db/finished-runs';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../db.server.ts';
import { appRequest, BASE_URL, outcome, type TestUser } from '../testing/app-fixture.ts';
import { orgWithMembers, projectWithDocument, setUpTestApp } from '../testing/org-fixture.ts';
import { aiSettingsAction, aiSettingsLoader } from './settings.server.ts';
import { usageCsv, usageLoader } from './usage.server.ts';

setUpTestApp();

let orgId: string;
let owner: TestUser;
let editor: TestUser;

beforeAll(async () => {
  ({
    orgId,
    users: { owner, editor },
  } = await orgWithMembers({ roles: ['editor'] }));
});

const settingsPath = () => `/orgs/${orgId}/ai`;
const save = (user: TestUser, form: Record<string, string>) =>
  outcome(() => aiSettingsAction(appRequest(settingsPath(), { user, form }), orgId));

describe('AI settings page', () => {
  it('lets an admin save limits and prices, and refuses editors', async () => {
    const saved = await save(owner, {
      intent: 'save-settings',
      allowedProviders: 'openai',
      allowedModels: 'gpt-4o-mini, gpt-4.1, gpt-4o-mini, house-model',
      monthlyTokenBudget: '200000',
      monthlyCostBudgetUsd: '25.50',
      maxConcurrentRuns: '2',
      maxReplyChars: '',
    });
    expect(saved).toMatchObject({ status: 200, body: { ok: true } });
    expect(await getAiSettings(db(), orgId)).toEqual({
      allowedProviders: ['openai'],
      allowedModels: ['gpt-4o-mini', 'gpt-4.1', 'house-model'],
      monthlyTokenBudget: 200_000,
      monthlyCostBudgetUsd: 25.5,
      maxConcurrentRuns: 2,
      maxReplyChars: null,
    });
    const page = await outcome(() =>
      aiSettingsLoader(appRequest(settingsPath(), { user: owner }), orgId),
    );
    expect(page.body).toMatchObject({ unpricedModels: ['house-model'] });

    const priced = await save(owner, {
      intent: 'set-price',
      model: 'house-model',
      inputPerMTok: '0.5',
      outputPerMTok: '1',
    });
    expect(priced.status).toBe(200);
    const after = await outcome(() =>
      aiSettingsLoader(appRequest(settingsPath(), { user: owner }), orgId),
    );
    expect(after.body).toMatchObject({ unpricedModels: [] });

    expect((await save(editor, { intent: 'save-settings' })).status).toBe(403);
    const asEditor = await outcome(() =>
      aiSettingsLoader(appRequest(settingsPath(), { user: editor }), orgId),
    );
    expect(asEditor.status).toBe(403);
  });

  it('answers bad values with field errors and saves nothing', async () => {
    const before = await getAiSettings(db(), orgId);
    const refused = await save(owner, {
      intent: 'save-settings',
      monthlyTokenBudget: 'lots',
      maxConcurrentRuns: '0',
      monthlyCostBudgetUsd: '-3',
    });
    expect(refused).toMatchObject({
      status: 400,
      body: {
        fieldErrors: {
          monthlyTokenBudget: expect.any(Array),
          maxConcurrentRuns: expect.any(Array),
          monthlyCostBudgetUsd: expect.any(Array),
        },
      },
    });
    const badPrice = await save(owner, {
      intent: 'set-price',
      model: 'x',
      inputPerMTok: '-1',
      outputPerMTok: '',
    });
    expect(badPrice).toMatchObject({
      status: 400,
      body: { fieldErrors: { inputPerMTok: expect.any(Array), outputPerMTok: expect.any(Array) } },
    });
    expect(await getAiSettings(db(), orgId)).toEqual(before);
  });
});

describe('AI usage page', () => {
  it('adds up every step by month, project, model and person, and exports the same as CSV', async () => {
    const { project } = await projectWithDocument({
      orgId,
      createdBy: owner.id,
      projectName: '=cmd|launch',
    });
    const run = (model: string, triggeredBy: string, tokens: number, costUsd: number) =>
      recordFinishedPlanRun(db(), {
        orgId,
        projectId: project.id,
        triggeredBy,
        provider: 'openai',
        model,
        inputSnapshot: { kind: 'plan', idea: 'x', constraints: {} },
        queuedAt: new Date(),
        steps: [
          { step: 'prd', tokensIn: tokens, tokensOut: tokens, costUsd, latencyMs: 10 },
          { step: 'tech', tokensIn: tokens, tokensOut: 0, costUsd, latencyMs: 10 },
        ],
      });
    await run('gpt-4o-mini', owner.id, 100, 0.25);
    await run('gpt-4.1', editor.id, 1_000, 1);
    const page = await outcome(() =>
      usageLoader(appRequest(`/orgs/${orgId}/usage`, { user: owner }), orgId),
    );
    const { summary } = page.body as Awaited<ReturnType<typeof usageLoader>>;
    expect(summary.total).toMatchObject({
      steps: 4,
      tokensIn: 2_200,
      tokensOut: 1_100,
      costUsd: 2.5,
    });
    for (const breakdown of [
      summary.byMonth,
      summary.byProject,
      summary.byModel,
      summary.byPerson,
    ]) {
      const tokens = breakdown.reduce((sum, g) => sum + g.tokensIn + g.tokensOut, 0);
      const cost = breakdown.reduce((sum, g) => sum + g.costUsd, 0);
      expect(tokens).toBe(3_300);
      expect(cost).toBeCloseTo(2.5, 9);
    }
    expect(summary.byMonth).toHaveLength(12);
    expect(summary.byModel.map((g) => [g.label, g.costUsd])).toEqual([
      ['gpt-4.1', 2],
      ['gpt-4o-mini', 0.5],
    ]);
    expect(summary.byPerson.map((g) => g.label)).toEqual(['editor person', 'owner person']);

    const csv = await usageCsv(
      appRequest(`/orgs/${orgId}/usage/export.csv`, { user: owner }),
      orgId,
    );
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    // No cell here holds a comma, quote or line break, so lines and commas split it.
    const parsed = (await csv.text())
      .trim()
      .split('\r\n')
      .map((line) => line.split(','));
    expect(parsed[0]).toEqual([
      'month',
      'project',
      'model',
      'person',
      'steps',
      'failures',
      'tokens_in',
      'tokens_out',
      'cost_usd',
    ]);
    expect(parsed.slice(1).map((row) => [row[1], row[2], row[6], row[7], row[8]])).toEqual(
      expect.arrayContaining([
        ["'=cmd|launch", 'gpt-4.1', '2000', '1000', '2.000000'],
        ["'=cmd|launch", 'gpt-4o-mini', '200', '100', '0.500000'],
      ]),
    );

    const asEditor = await outcome(() =>
      usageLoader(appRequest(`/orgs/${orgId}/usage`, { user: editor }), orgId),
    );
    expect(asEditor.status).toBe(403);
  });

  it('answers a body that is not a form with 400 naming the cause, not 500', async () => {
    const request = new Request(`${BASE_URL}${settingsPath()}`, {
      method: 'POST',
      headers: { cookie: owner.cookie, origin: BASE_URL, 'content-type': 'application/json' },
      body: JSON.stringify({ intent: 'save-settings' }),
    });
    const result = await outcome(() => aiSettingsAction(request, orgId));
    expect(result).toMatchObject({ status: 400, body: expect.stringMatching(/form/) });
    const unknown = await save(owner, { intent: 'explode' });
    expect(unknown).toMatchObject({ status: 400, body: expect.stringMatching(/explode/) });
  });
});
