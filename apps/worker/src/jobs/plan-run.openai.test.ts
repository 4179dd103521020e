import { listDocuments } from '@specboard/db/documents';
import { listModelStats } from '@specboard/db/model-stats';
import { createTenant } from '@specboard/db/testing';
import { enqueuePlanRun, enqueueStepRetry } from '@specboard/jobs';
import {
  type FakeOpenAIServer,
  startFakeOpenAIServer,
} from '@specboard/pipeline/testing/fake-openai-server';
import { sampleBreakdown, samplePrd, sampleTasks } from '@specboard/pipeline/testing/samples';
import { beforeAll, describe, expect, it } from 'vitest';
import { boardDocName, documentDocName, readMarkdown } from '../ai/doc-model.ts';
import { loadDoc, suggestionsIn, type Worker, waitForRun } from '../test-support/ai-harness.ts';
import { useWorkerFixture } from '../test-support/worker-fixture.ts';

const techSpec = '## Architecture\n\nA web app and a Postgres database.\n';
const breakdownReply = { content: JSON.stringify(sampleBreakdown) };
const tasksReply = { content: JSON.stringify(sampleTasks) };

const t = useWorkerFixture();
let server: FakeOpenAIServer;
let worker: Worker;

beforeAll(async () => {
  server = await startFakeOpenAIServer();
  t.onCleanUp(() => server.close());
  worker = await t.startWorker({
    kind: 'openai',
    name: 'fake',
    baseURL: server.baseURL,
    apiKey: 'test-key',
    model: 'gpt-4o-mini',
    maxRetries: 1,
    retryBaseDelayMs: 5,
    retryMaxDelayMs: 10,
  });
});

describe('plan run against an OpenAI-compatible server', () => {
  it('records tokens, cost, prompt hash and rate limits, and streams the PRD into the document', async () => {
    const tenant = await createTenant(t.db);
    server.script(
      { content: samplePrd, headers: { 'x-ratelimit-remaining-requests': '99' } },
      { content: techSpec },
      breakdownReply,
      tasksReply,
    );
    const { runId } = await enqueuePlanRun(
      { db: t.db, boss: worker.boss },
      { orgId: tenant.orgId, projectId: tenant.projectId, triggeredBy: tenant.userId },
    );
    const { run, steps } = await waitForRun(t.db, tenant.orgId, runId);
    expect(run.status).toBe('succeeded');
    const prd = steps[0];
    expect(prd).toMatchObject({
      provider: 'fake',
      model: 'gpt-4o-mini',
      tokens_in: 100,
      tokens_out: 50,
    });
    expect(Number(prd?.cost_usd)).toBeGreaterThan(0);
    expect(prd?.rate_limits).toEqual({ 'x-ratelimit-remaining-requests': '99' });
    expect(run.metrics).toMatchObject({ tokensIn: 400, tokensOut: 200 });
    // The tech spec was written from the PRD as it stands in the document.
    expect(server.requests[1]?.body.messages[1]?.content).toContain('Owners can book a walker');

    const documents = await listDocuments(t.db, tenant.orgId, tenant.projectId);
    const prdDoc = documents.find((d) => d.type === 'prd');
    if (!prdDoc) throw new Error('no PRD document');
    expect(readMarkdown(await loadDoc(t.db, tenant.orgId, documentDocName(prdDoc.id)))).toContain(
      '- 60% of owners book within 7 days.',
    );
    const board = (await loadDoc(t.db, tenant.orgId, boardDocName(tenant.projectId)))
      .getMap('tasks')
      .toJSON();
    expect(Object.values(board).map((task) => (task as { title: string }).title)).toEqual([
      'Bookings table',
      'Booking endpoint',
    ]);
  });

  it('marks a run partial with the reason when a step fails, and retries that step alone', async () => {
    const tenant = await createTenant(t.db);
    server.script(
      { content: samplePrd },
      { status: 500, error: 'boom' },
      { status: 500, error: 'boom' },
    );
    const deps = { db: t.db, boss: worker.boss };
    const { runId } = await enqueuePlanRun(deps, {
      orgId: tenant.orgId,
      projectId: tenant.projectId,
      triggeredBy: tenant.userId,
    });
    const failed = await waitForRun(t.db, tenant.orgId, runId);
    expect(failed.run.status).toBe('partial');
    expect(failed.run.error_message).toMatch(/^tech: retries_exhausted/);
    expect(failed.steps.map((s) => s.status)).toEqual([
      'succeeded',
      'failed',
      'skipped',
      'skipped',
    ]);

    server.script({ content: techSpec }, breakdownReply, tasksReply);
    await enqueueStepRetry(deps, { orgId: tenant.orgId, runId, step: 'tech' });
    const retried = await waitForRun(t.db, tenant.orgId, runId);
    expect(retried.run.status).toBe('succeeded');
    expect(retried.steps.map((s) => [s.step, s.attempt])).toEqual([
      ['prd', 1],
      ['tech', 2],
      ['breakdown', 1],
      ['tasks', 1],
    ]);
    const stats = await listModelStats(t.db, tenant.orgId);
    expect(stats.find((s) => s.step === 'tech')).toMatchObject({ runs: 2, failures: 1 });
  });

  it('offers PRD variants from several models side by side as suggestions', async () => {
    const tenant = await createTenant(t.db);
    server.script({ content: samplePrd }, { content: `${samplePrd}\n## Risks\n\n- Weather.\n` });
    const { runId } = await enqueuePlanRun(
      { db: t.db, boss: worker.boss },
      {
        orgId: tenant.orgId,
        projectId: tenant.projectId,
        triggeredBy: tenant.userId,
        variants: { prd: [{ model: 'gpt-4o-mini' }, { model: 'gpt-4o' }] },
      },
    );
    const { run, steps } = await waitForRun(t.db, tenant.orgId, runId);
    const prdRows = steps.filter((s) => s.step === 'prd');
    expect(prdRows.map((s) => [s.variant, s.model, s.status])).toEqual([
      ['v1', 'gpt-4o-mini', 'succeeded'],
      ['v2', 'gpt-4o', 'succeeded'],
    ]);
    // Neither variant may fill the empty PRD: people choose, then continue the run.
    expect(run.status).toBe('partial');
    expect(steps.find((s) => s.step === 'tech')?.error_message).toContain('PRD document is empty');

    const prdDoc = (await listDocuments(t.db, tenant.orgId, tenant.projectId)).find(
      (d) => d.type === 'prd',
    );
    if (!prdDoc) throw new Error('no PRD document');
    const doc = await loadDoc(t.db, tenant.orgId, documentDocName(prdDoc.id));
    expect(readMarkdown(doc)).toBe('');
    const suggestions = Object.values(suggestionsIn(doc));
    expect(suggestions.map((s) => [s.model, s.status]).sort()).toEqual([
      ['gpt-4o', 'pending'],
      ['gpt-4o-mini', 'pending'],
    ]);
    const stats = await listModelStats(t.db, tenant.orgId);
    expect(
      stats
        .filter((s) => s.step === 'prd')
        .map((s) => s.model)
        .sort(),
    ).toEqual(['gpt-4o', 'gpt-4o-mini']);
  });
});
