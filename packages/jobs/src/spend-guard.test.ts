import { saveAiSettings, unlimitedAiSettings } from '@specboard/db/ai-settings';
import { recordFinishedPlanRun } from '@specboard/db/finished-runs';
import { getPlanRun } from '@specboard/db/plan-runs';
import { createTenant, createTestDatabase, type TestDatabase } from '@specboard/db/testing';
import type { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectJobClient } from './client.ts';
import { ensureQueue } from './ensure-queue.ts';
import { planRunQueue } from './queues/ai.ts';
import { EnqueueError } from './run-requests.ts';
import { enqueuePlanRun } from './runs.ts';

let t: TestDatabase;
let boss: PgBoss;

beforeAll(async () => {
  t = await createTestDatabase();
  boss = await connectJobClient({ databaseUrl: t.url, schema: 'pgboss_jobs', onError: () => {} });
  await ensureQueue(boss, planRunQueue);
});

afterAll(async () => {
  await boss?.stop({ graceful: false });
  await t?.drop();
});

async function tenantWith(settings: Partial<typeof unlimitedAiSettings>) {
  const tenant = await createTenant(t.db);
  await saveAiSettings(t.db, tenant.orgId, { ...unlimitedAiSettings, ...settings }, null);
  const start = (extra: Parameters<typeof enqueuePlanRun>[1]['variants'] = {}, provider?: string) =>
    enqueuePlanRun(
      { db: t.db, boss },
      {
        orgId: tenant.orgId,
        projectId: tenant.projectId,
        triggeredBy: tenant.userId,
        variants: extra,
        ...(provider ? { provider } : {}),
      },
    );
  return { tenant, start };
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof EnqueueError) || error.code !== 'refused') {
    throw new Error(`expected a refusal, got ${String(error)}`);
  }
  return error.message;
}

const runsOf = async (orgId: string) =>
  (await boss.findJobs(planRunQueue.name)).filter(
    (job) => planRunQueue.payload.parse(job.data).orgId === orgId,
  );

describe('run creation under the organisation’s AI settings', () => {
  it('refuses a model off the allow-list and gives "default" the first allowed model', async () => {
    const { tenant, start } = await tenantWith({ allowedModels: ['gpt-4o-mini', 'gpt-4.1'] });
    expect(await refusal(start({ prd: [{ model: 'gpt-4.1' }, { model: 'o3-pro' }] }))).toBe(
      'Refused: model "o3-pro" is not allowed here (allowed: gpt-4o-mini, gpt-4.1).',
    );
    expect(await runsOf(tenant.orgId)).toHaveLength(0);
    const { runId } = await start({ prd: [{ model: 'gpt-4.1' }] });
    const run = await getPlanRun(t.db, tenant.orgId, runId);
    expect(run?.steps.map((s) => [s.step, s.model])).toEqual([
      ['prd', 'gpt-4.1'],
      ['tech', 'gpt-4o-mini'],
      ['breakdown', 'gpt-4o-mini'],
      ['tasks', 'gpt-4o-mini'],
    ]);
  });

  it('refuses a run over the concurrency limit, with the numbers', async () => {
    const { tenant, start } = await tenantWith({ maxConcurrentRuns: 2 });
    await start();
    await start();
    expect(await refusal(start())).toBe(
      'Refused: concurrency limit reached (2 of 2 runs already queued or running).',
    );
    expect(await runsOf(tenant.orgId)).toHaveLength(2);
  });

  it('refuses paid runs once the month’s budget is used, but not template drafts', async () => {
    const { tenant, start } = await tenantWith({ monthlyTokenBudget: 1_000 });
    await recordFinishedPlanRun(t.db, {
      orgId: tenant.orgId,
      projectId: tenant.projectId,
      triggeredBy: tenant.userId,
      provider: 'openai',
      model: 'gpt-4o-mini',
      inputSnapshot: { kind: 'plan', idea: 'x', constraints: {} },
      queuedAt: new Date(),
      steps: [{ step: 'prd', tokensIn: 600, tokensOut: 500, costUsd: 0.01, latencyMs: 10 }],
    });
    expect(await refusal(start())).toBe(
      'Refused: budget exhausted (used 1,100 of 1,000 tokens this month).',
    );
    await start({}, 'offline');
    expect(await runsOf(tenant.orgId)).toHaveLength(1);
  });
});

describe('runs when no AI endpoint is configured', () => {
  const noEndpoint = { configured: false };

  async function withSpentBudgets() {
    const { tenant } = await tenantWith({
      monthlyTokenBudget: 1_000,
      monthlyCostBudgetUsd: 0.01,
      allowedModels: ['gpt-4o-mini'],
      maxConcurrentRuns: 1,
    });
    await recordFinishedPlanRun(t.db, {
      orgId: tenant.orgId,
      projectId: tenant.projectId,
      triggeredBy: tenant.userId,
      provider: 'openai',
      model: 'gpt-4o-mini',
      inputSnapshot: { kind: 'plan', idea: 'x', constraints: {} },
      queuedAt: new Date(),
      steps: [{ step: 'prd', tokensIn: 600, tokensOut: 500, costUsd: 0.01, latencyMs: 10 }],
    });
    const request = {
      orgId: tenant.orgId,
      projectId: tenant.projectId,
      triggeredBy: tenant.userId,
      variants: { prd: [{ model: 'o3-pro' }] },
    };
    return { tenant, request };
  }

  it('starts a run of the configured provider on the offline templates past both budgets and the model list', async () => {
    const { tenant, request } = await withSpentBudgets();
    expect(await refusal(enqueuePlanRun({ db: t.db, boss }, request))).toBe(
      'Refused: model "o3-pro" is not allowed here (allowed: gpt-4o-mini).',
    );
    const { runId } = await enqueuePlanRun({ db: t.db, boss, aiEndpoint: noEndpoint }, request);
    expect((await getPlanRun(t.db, tenant.orgId, runId))?.run.status).toBe('queued');
    expect(await runsOf(tenant.orgId)).toHaveLength(1);
  });

  it('still holds the concurrency limit', async () => {
    const { request } = await withSpentBudgets();
    await enqueuePlanRun({ db: t.db, boss, aiEndpoint: noEndpoint }, request);
    expect(await refusal(enqueuePlanRun({ db: t.db, boss, aiEndpoint: noEndpoint }, request))).toBe(
      'Refused: concurrency limit reached (1 of 1 runs already queued or running).',
    );
  });

  it('keeps refusing paid runs once an endpoint is configured', async () => {
    const { request } = await withSpentBudgets();
    const configured = { db: t.db, boss, aiEndpoint: { configured: true } };
    expect(await refusal(enqueuePlanRun(configured, { ...request, variants: {} }))).toBe(
      'Refused: budget exhausted (used 1,100 of 1,000 tokens this month).',
    );
  });
});
