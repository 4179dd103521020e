import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFinishedPlanRun } from './finished-runs.ts';
import { getPlanRun } from './plan-runs.ts';
import {
  createTenant,
  createTestDatabase,
  type Tenant,
  type TestDatabase,
} from './testing/index.ts';

let t: TestDatabase;
let tenant: Tenant;
beforeAll(async () => {
  t = await createTestDatabase();
  tenant = await createTenant(t.db);
});
afterAll(async () => {
  await t.drop();
});

describe('a finished plan run recorded as a whole', () => {
  it('has its steps one after another, and totals that match them', async () => {
    const queuedAt = new Date('2026-01-05T09:00:00Z');
    const { run } = await recordFinishedPlanRun(t.db, {
      orgId: tenant.orgId,
      projectId: tenant.projectId,
      triggeredBy: tenant.userId,
      provider: 'openai',
      model: 'gpt-a',
      inputSnapshot: { kind: 'plan', idea: 'x', constraints: {} },
      queuedAt,
      steps: [
        { step: 'prd', tokensIn: 10, tokensOut: 20, costUsd: 0.001, latencyMs: 4_000 },
        { step: 'tech', tokensIn: 30, tokensOut: 40, costUsd: 0.002, latencyMs: 6_000 },
      ],
    });
    const stored = await getPlanRun(t.db, tenant.orgId, run.id);
    expect(stored?.run).toMatchObject({
      status: 'succeeded',
      created_at: queuedAt,
      started_at: new Date('2026-01-05T09:00:01Z'),
      finished_at: new Date('2026-01-05T09:00:11Z'),
      metrics: { tokensIn: 40, tokensOut: 60, costUsd: 0.003, latencyMs: 10_000 },
    });
    expect(
      stored?.steps.map((s) => [s.step, s.status, s.attempt, s.started_at, s.finished_at]),
    ).toEqual([
      ['prd', 'succeeded', 1, new Date('2026-01-05T09:00:01Z'), new Date('2026-01-05T09:00:05Z')],
      ['tech', 'succeeded', 1, new Date('2026-01-05T09:00:05Z'), new Date('2026-01-05T09:00:11Z')],
    ]);
  });
});
