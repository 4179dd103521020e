import { getPlanRun } from '@specboard/db/plan-runs';
import { listSuggestions } from '@specboard/db/suggestions';
import { createTenant } from '@specboard/db/testing';
import { cancelPlanRun, enqueuePlanRun } from '@specboard/jobs';
import {
  type FakeOpenAIServer,
  startFakeOpenAIServer,
} from '@specboard/pipeline/testing/fake-openai-server';
import { sampleBreakdown, samplePrd, sampleTasks } from '@specboard/pipeline/testing/samples';
import { beforeAll, describe, expect, it } from 'vitest';
import { readMarkdown } from '../ai/doc-model.ts';
import { loadDoc, suggestionsIn, waitFor, waitForRun } from '../test-support/ai-harness.ts';
import { startStallingServer } from '../test-support/stalling-server.ts';
import { useWorkerFixture } from '../test-support/worker-fixture.ts';

const t = useWorkerFixture({ stopWorkers: 'afterEach' });
let fake: FakeOpenAIServer;
let stalling: Awaited<ReturnType<typeof startStallingServer>>;

const openai = (baseURL: string) => ({
  kind: 'openai' as const,
  name: 'fake',
  baseURL,
  apiKey: 'test-key',
  model: 'gpt-4o-mini',
  retryBaseDelayMs: 5,
  retryMaxDelayMs: 10,
});

beforeAll(async () => {
  fake = await startFakeOpenAIServer();
  t.onCleanUp(() => fake.close());
  stalling = await startStallingServer('# Draft\n\nA first paragraph ');
  t.onCleanUp(() => stalling.close());
});

const stepStatus = async (orgId: string, runId: string) =>
  (await getPlanRun(t.db, orgId, runId))?.steps.map((s) => s.status) ?? [];

describe('interrupted plan runs', () => {
  it('cancels a run mid-step: the model call is aborted and no half-written PRD is left', async () => {
    const tenant = await createTenant(t.db);
    const worker = await t.startWorker(openai(stalling.baseURL), { schema: 'pgboss_cancel' });
    const { runId } = await enqueuePlanRun(
      { db: t.db, boss: worker.boss },
      { orgId: tenant.orgId, projectId: tenant.projectId, triggeredBy: tenant.userId },
    );
    const prdStep = async () => (await getPlanRun(t.db, tenant.orgId, runId))?.steps[0];
    await waitFor(prdStep, (row) => row?.status === 'running');
    await waitFor(
      async () => worker.bus.published.length,
      (count) => count > 0,
    );
    expect(await cancelPlanRun(t.db, { orgId: tenant.orgId, runId })).toBe(true);
    const { run, steps } = await waitForRun(t.db, tenant.orgId, runId);
    expect(run.status).toBe('cancelled');
    await waitFor(
      () => stepStatus(tenant.orgId, runId),
      (s) => s[0] === 'cancelled',
    );
    expect(steps.slice(1).map((s) => s.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    const docName = worker.bus.published[0]?.docName ?? '';
    await waitFor(
      async () => readMarkdown(await loadDoc(t.db, tenant.orgId, docName)),
      (md) => md === '',
    );
  });

  it('a worker stopped mid-step is retried by another without duplicating the suggestion', async () => {
    const { tenant, document: prd, docName } = await t.newPrd();
    const first = await t.startWorker(openai(stalling.baseURL), { schema: 'pgboss_crash' });
    await t.writeMarkdown(tenant.orgId, docName, samplePrd, first.bus);

    const { runId } = await enqueuePlanRun(
      { db: t.db, boss: first.boss },
      { orgId: tenant.orgId, projectId: tenant.projectId, triggeredBy: tenant.userId },
    );
    // The PRD has text, so the new draft streams into a suggestion.
    await waitFor(
      async () => Object.values(suggestionsIn(await loadDoc(t.db, tenant.orgId, docName))),
      (list) => list[0]?.status === 'streaming',
    );
    await first.boss.stop({ graceful: false });

    const revised = `${samplePrd}\n## Risks\n\n- Walkers cancel late.\n`;
    fake.script(
      { content: revised },
      { content: '## Architecture\n\nOne service.\n' },
      { content: JSON.stringify(sampleBreakdown) },
      { content: JSON.stringify(sampleTasks) },
    );
    await t.startWorker(openai(fake.baseURL), { schema: 'pgboss_crash' });
    const { run, steps } = await waitForRun(t.db, tenant.orgId, runId);
    expect(run.status).toBe('succeeded');
    expect(steps[0]?.attempt).toBe(2);

    const doc = await loadDoc(t.db, tenant.orgId, docName);
    const suggestions = Object.values(suggestionsIn(doc));
    expect(suggestions).toHaveLength(1);
    expect(suggestions[0]).toMatchObject({
      kind: 'replace',
      status: 'pending',
      content: revised.trim(),
    });
    expect(readMarkdown(doc)).not.toContain('Walkers cancel late');
    expect(await listSuggestions(t.db, tenant.orgId, prd.id)).toHaveLength(1);
  });
});
