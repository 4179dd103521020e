import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listModelPrices, removeModelPrice, setModelPrice } from './ai-prices.ts';
import { getAiSettings, saveAiSettings, unlimitedAiSettings } from './ai-settings.ts';
import { activeRunCount, listUsage, monthSpend } from './ai-usage.ts';
import { recordFinishedPlanRun } from './finished-runs.ts';
import { createPlanRun } from './plan-runs.ts';
import {
  createTenant,
  createTestDatabase,
  type Tenant,
  type TestDatabase,
} from './testing/index.ts';

let t: TestDatabase;
let tenant: Tenant;
let other: Tenant;
beforeAll(async () => {
  t = await createTestDatabase();
  tenant = await createTenant(t.db);
  other = await createTenant(t.db, 'Other');
});
afterAll(async () => {
  await t.drop();
});

describe('organisation AI settings', () => {
  it('are unlimited until saved, then read back as saved, per organisation', async () => {
    expect(await getAiSettings(t.db, tenant.orgId)).toEqual(unlimitedAiSettings);
    const settings = {
      allowedProviders: ['openai'],
      allowedModels: ['gpt-4o-mini', 'gpt-4.1'],
      monthlyTokenBudget: 50_000,
      monthlyCostBudgetUsd: 12.5,
      maxConcurrentRuns: 2,
      maxReplyChars: 40_000,
    };
    await saveAiSettings(t.db, tenant.orgId, settings, tenant.userId);
    await saveAiSettings(t.db, tenant.orgId, { ...settings, maxConcurrentRuns: 3 }, tenant.userId);
    expect(await getAiSettings(t.db, tenant.orgId)).toEqual({ ...settings, maxConcurrentRuns: 3 });
    expect(await getAiSettings(t.db, other.orgId)).toEqual(unlimitedAiSettings);
  });
});

describe('model prices', () => {
  it('start from the list prices; an organisation’s own price wins until removed', async () => {
    const listed = await listModelPrices(t.db, tenant.orgId);
    expect(listed.find((p) => p.model === 'gpt-4o-mini')).toEqual({
      model: 'gpt-4o-mini',
      inputPerMTok: 0.15,
      outputPerMTok: 0.6,
      source: 'list',
    });
    await setModelPrice(t.db, tenant.orgId, {
      model: 'gpt-4o-mini',
      inputPerMTok: 0.1,
      outputPerMTok: 0.5,
    });
    await setModelPrice(t.db, tenant.orgId, {
      model: 'local-llama',
      inputPerMTok: 0,
      outputPerMTok: 0,
    });
    const own = await listModelPrices(t.db, tenant.orgId);
    expect(own.find((p) => p.model === 'gpt-4o-mini')).toMatchObject({
      inputPerMTok: 0.1,
      source: 'organisation',
    });
    expect(own.some((p) => p.model === 'local-llama')).toBe(true);
    const elsewhere = await listModelPrices(t.db, other.orgId);
    expect(elsewhere.find((p) => p.model === 'gpt-4o-mini')?.source).toBe('list');
    expect(await removeModelPrice(t.db, tenant.orgId, 'gpt-4o-mini')).toBe(true);
    const back = await listModelPrices(t.db, tenant.orgId);
    expect(back.find((p) => p.model === 'gpt-4o-mini')?.source).toBe('list');
  });
});

describe('usage', () => {
  it('sums the month’s steps, counts active runs and groups every step exactly once', async () => {
    const now = new Date();
    const base = {
      orgId: tenant.orgId,
      projectId: tenant.projectId,
      triggeredBy: tenant.userId,
      provider: 'openai',
      inputSnapshot: { kind: 'plan', idea: 'x', constraints: {} },
    };
    await recordFinishedPlanRun(t.db, {
      ...base,
      model: 'gpt-a',
      queuedAt: now,
      steps: [
        { step: 'prd', tokensIn: 10, tokensOut: 20, costUsd: 0.001, latencyMs: 100 },
        { step: 'tech', tokensIn: 30, tokensOut: 40, costUsd: 0.002, latencyMs: 100 },
      ],
    });
    // Last year's run counts in the report's history, not in this month's budget.
    await recordFinishedPlanRun(t.db, {
      ...base,
      model: 'gpt-b',
      queuedAt: new Date(now.getTime() - 400 * 86_400_000),
      steps: [{ step: 'prd', tokensIn: 1_000, tokensOut: 1_000, costUsd: 1, latencyMs: 100 }],
    });
    expect(await monthSpend(t.db, tenant.orgId, now)).toEqual({ tokens: 100, costUsd: 0.003 });
    expect(await monthSpend(t.db, other.orgId, now)).toEqual({ tokens: 0, costUsd: 0 });

    expect(await activeRunCount(t.db, tenant.orgId)).toBe(0);
    await createPlanRun(t.db, { ...base, model: 'gpt-a', steps: [{ step: 'prd' }] });
    expect(await activeRunCount(t.db, tenant.orgId)).toBe(1);
    expect(await activeRunCount(t.db, other.orgId)).toBe(0);

    const rows = await listUsage(t.db, tenant.orgId, new Date(0));
    expect(rows).toHaveLength(2);
    const total = rows.reduce((sum, row) => sum + row.tokensIn + row.tokensOut, 0);
    expect(total).toBe(2_100);
    expect(rows.find((row) => row.model === 'gpt-a')).toMatchObject({
      steps: 2,
      tokensIn: 40,
      tokensOut: 60,
      costUsd: 0.003,
      userId: tenant.userId,
      userName: 'Acme Owner',
      projectId: tenant.projectId,
    });
  });
});
