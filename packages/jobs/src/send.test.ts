import { createPlanRun, getPlanRun } from '@specboard/db/plan-runs';
import { createTenant, createTestDatabase, type TestDatabase } from '@specboard/db/testing';
import type { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectJobClient } from './client.ts';
import { planRunQueue } from './queues/ai.ts';
import { enqueuePlanRun } from './runs.ts';
import { send } from './send.ts';

let t: TestDatabase;
let boss: PgBoss;

beforeAll(async () => {
  t = await createTestDatabase();
  boss = await connectJobClient({ databaseUrl: t.url, schema: 'pgboss_jobs', onError: () => {} });
});

afterAll(async () => {
  await boss?.stop({ graceful: false });
  await t?.drop();
});

const jobsOf = (runId: string) => boss.findJobs(planRunQueue.name, { data: { runId } });

describe('send in the caller transaction', () => {
  it('commits a run row and its job together', async () => {
    const tenant = await createTenant(t.db);
    const { runId } = await enqueuePlanRun(
      { db: t.db, boss },
      { orgId: tenant.orgId, projectId: tenant.projectId, triggeredBy: tenant.userId },
    );
    expect(await getPlanRun(t.db, tenant.orgId, runId)).toBeDefined();
    const jobs = await jobsOf(runId);
    expect(jobs.map((job) => job.data)).toEqual([{ orgId: tenant.orgId, runId }]);
  });

  it('keeps the job invisible until the transaction commits', async () => {
    const tenant = await createTenant(t.db);
    await t.db.transaction().execute(async (trx) => {
      const { run } = await createPlanRun(trx, {
        orgId: tenant.orgId,
        projectId: tenant.projectId,
        triggeredBy: null,
        provider: 'offline',
        model: 'default',
        inputSnapshot: { kind: 'plan', idea: 'x', constraints: {} },
        steps: [{ step: 'prd' }],
      });
      await send(boss, planRunQueue, { orgId: tenant.orgId, runId: run.id }, { db: trx });
      expect(await jobsOf(run.id)).toEqual([]);
    });
  });

  it('rolls the run row and its job back together', async () => {
    const tenant = await createTenant(t.db);
    let runId = '';
    const failed = t.db.transaction().execute(async (trx) => {
      const { run } = await createPlanRun(trx, {
        orgId: tenant.orgId,
        projectId: tenant.projectId,
        triggeredBy: null,
        provider: 'offline',
        model: 'default',
        inputSnapshot: { kind: 'plan', idea: 'x', constraints: {} },
        steps: [{ step: 'prd' }],
      });
      runId = run.id;
      await send(boss, planRunQueue, { orgId: tenant.orgId, runId }, { db: trx });
      throw new Error('the caller failed after sending');
    });
    await expect(failed).rejects.toThrow('the caller failed after sending');
    expect(runId).not.toBe('');
    expect(await getPlanRun(t.db, tenant.orgId, runId)).toBeUndefined();
    expect(await jobsOf(runId)).toEqual([]);
  });

  it('refuses a payload that does not match the queue schema', async () => {
    await expect(send(boss, planRunQueue, { orgId: 'nope', runId: 'nope' })).rejects.toThrow(
      'must be a ULID',
    );
  });
});
