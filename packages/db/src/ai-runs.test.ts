import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocument } from './documents.ts';
import { newId } from './ids.ts';
import { listModelStats, recordModelCall } from './model-stats.ts';
import { getPlanRunStatus, setRunStepsStatus, transitionPlanRun } from './plan-run-progress.ts';
import { createPlanRun, getPlanRun } from './plan-runs.ts';
import { decideSuggestion, listSuggestions, recordSuggestion } from './suggestions.ts';
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

async function queuedRun() {
  return createPlanRun(t.db, {
    orgId: tenant.orgId,
    projectId: tenant.projectId,
    triggeredBy: tenant.userId,
    provider: 'openai',
    model: 'gpt-a',
    inputSnapshot: { kind: 'plan', idea: 'x', constraints: {} },
    steps: [{ step: 'prd' }, { step: 'tech' }],
  });
}

describe('plan run status changes', () => {
  it('moves only from the statuses named, so a cancel is never overwritten', async () => {
    const { run } = await queuedRun();
    const move = (
      from: Parameters<typeof transitionPlanRun>[3],
      to: 'running' | 'cancelled' | 'succeeded',
    ) => transitionPlanRun(t.db, tenant.orgId, run.id, from, to);
    expect(await move(['queued'], 'running')).toBe(true);
    expect(await move(['queued', 'running'], 'cancelled')).toBe(true);
    expect(await move(['running'], 'succeeded')).toBe(false);
    expect(await getPlanRunStatus(t.db, tenant.orgId, run.id)).toBe('cancelled');
    const otherOrg = await createTenant(t.db, 'Other');
    expect(await getPlanRunStatus(t.db, otherOrg.orgId, run.id)).toBeUndefined();
  });

  it('cancels only the steps still waiting', async () => {
    const { run, steps } = await queuedRun();
    await setRunStepsStatus(t.db, tenant.orgId, run.id, ['queued'], 'running', {
      stepIds: [steps[0]?.id ?? ''],
    });
    await setRunStepsStatus(t.db, tenant.orgId, run.id, ['queued'], 'cancelled', {
      errorMessage: 'cancelled',
    });
    const found = await getPlanRun(t.db, tenant.orgId, run.id);
    expect(found?.steps.map((s) => [s.step, s.status])).toEqual([
      ['prd', 'running'],
      ['tech', 'cancelled'],
    ]);
  });
});

describe('suggestion decisions', () => {
  it('records the first decision only, counts it for the model, and a retry never reopens it', async () => {
    const { steps } = await queuedRun();
    const document = await createDocument(t.db, {
      orgId: tenant.orgId,
      projectId: tenant.projectId,
      type: 'notes',
      title: 'Notes',
      createdBy: tenant.userId,
    });
    if (!document) throw new Error('no document');
    const record = {
      id: newId(),
      orgId: tenant.orgId,
      documentId: document.id,
      planRunStepId: steps[0]?.id ?? null,
      kind: 'replace' as const,
      quote: 'fast',
      contentMd: 'under 1 s',
      rationale: 'measurable',
      requestedBy: tenant.userId,
      provider: 'openai',
      model: 'gpt-a',
    };
    await recordModelCall(t.db, {
      orgId: tenant.orgId,
      provider: 'openai',
      model: 'gpt-a',
      step: 'prd',
      failed: false,
      tokensIn: 10,
      tokensOut: 20,
      latencyMs: 30,
      costUsd: 0.01,
    });
    await recordSuggestion(t.db, record);
    const target = { orgId: tenant.orgId, documentId: document.id, id: record.id };
    const first = await decideSuggestion(t.db, target, {
      status: 'accepted',
      decidedBy: tenant.userId,
    });
    const second = await decideSuggestion(t.db, target, {
      status: 'rejected',
      decidedBy: tenant.userId,
    });
    expect(first.outcome).toBe('decided');
    expect(second.outcome).toBe('already_decided');
    await recordSuggestion(t.db, { ...record, contentMd: 'retried' });
    const [stored] = await listSuggestions(t.db, tenant.orgId, document.id);
    expect(stored).toMatchObject({
      status: 'accepted',
      decided_by: tenant.userId,
      content_md: 'under 1 s',
    });
    const [stats] = await listModelStats(t.db, tenant.orgId);
    expect(stats).toMatchObject({ model: 'gpt-a', step: 'prd', runs: 1, accepted: 1, rejected: 0 });
    const elsewhere = await decideSuggestion(
      t.db,
      { ...target, documentId: newId() },
      { status: 'accepted', decidedBy: tenant.userId },
    );
    expect(elsewhere.outcome).toBe('not_found');
  });
});
