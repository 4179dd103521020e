import { setModelPrice } from '@specboard/db/ai-prices';
import { saveAiSettings, unlimitedAiSettings } from '@specboard/db/ai-settings';
import { listUsage } from '@specboard/db/ai-usage';
import type { Tenant } from '@specboard/db/testing';
import {
  createAllowedRun,
  EnqueueError,
  enqueuePlanRun,
  enqueueReview,
  enqueueSuggest,
  enqueueVersionTasks,
} from '@specboard/jobs';
import {
  type FakeOpenAIServer,
  startFakeOpenAIServer,
} from '@specboard/pipeline/testing/fake-openai-server';
import { sampleBreakdown, samplePrd, sampleTasks } from '@specboard/pipeline/testing/samples';
import { saveStoredVersion } from '@specboard/stored-doc';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Worker, waitForRun } from '../test-support/ai-harness.ts';
import { useWorkerFixture } from '../test-support/worker-fixture.ts';
import { planRunJob } from './plan-run.ts';

const techSpec = '## Architecture\n\nA web app and a Postgres database.\n';
const breakdownReply = { content: JSON.stringify(sampleBreakdown) };
const tasksReply = { content: JSON.stringify(sampleTasks) };
const noSuggestions = { content: JSON.stringify({ suggestions: [] }) };

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
    maxRetries: 0,
  });
});

const deps = () => ({ db: t.db, boss: worker.boss });
const settingsFor = (tenant: Tenant, settings: Partial<typeof unlimitedAiSettings>) =>
  saveAiSettings(t.db, tenant.orgId, { ...unlimitedAiSettings, ...settings }, tenant.userId);
const planRun = (tenant: Tenant) =>
  enqueuePlanRun(deps(), {
    orgId: tenant.orgId,
    projectId: tenant.projectId,
    triggeredBy: tenant.userId,
  });

describe('AI spend the organisation controls', () => {
  it('records every kind of model call with its cost; usage totals are the sum of the steps', async () => {
    const { tenant, document, docName } = await t.newPrd();
    await t.writeMarkdown(tenant.orgId, docName, samplePrd, worker.bus);
    // The organisation's own price wins over the list price: $1 in, $2 out per million tokens.
    await setModelPrice(t.db, tenant.orgId, {
      model: 'gpt-4o-mini',
      inputPerMTok: 1,
      outputPerMTok: 2,
    });
    const runIds: string[] = [];
    server.script({ content: samplePrd }, { content: techSpec }, breakdownReply, tasksReply);
    runIds.push((await planRun(tenant)).runId);
    await waitForRun(t.db, tenant.orgId, runIds[0] ?? '');
    const ref = { orgId: tenant.orgId, documentId: document.id, requestedBy: tenant.userId };
    server.script(noSuggestions);
    runIds.push((await enqueueSuggest(deps(), { ...ref, instruction: 'Tighten it' })).runId);
    await waitForRun(t.db, tenant.orgId, runIds[1] ?? '');
    server.script(noSuggestions);
    const sections = [{ heading: 'Rollout plan', guidance: 'Phases and flags', required: true }];
    runIds.push((await enqueueReview(deps(), { ...ref, sections })).runId);
    await waitForRun(t.db, tenant.orgId, runIds[2] ?? '');
    // The review checks the document against the template sections it was given.
    expect(server.requests.at(-1)?.body.messages[1]?.content).toContain(
      'Rollout plan: Phases and flags',
    );
    const version = await saveStoredVersion(t.db, {
      orgId: tenant.orgId,
      documentId: document.id,
      trigger: 'manual',
      label: null,
      createdBy: tenant.userId,
      skipWhenUnchanged: false,
    });
    if (!version) throw new Error('no version');
    server.script(breakdownReply, tasksReply);
    runIds.push(
      (
        await enqueueVersionTasks(deps(), {
          orgId: tenant.orgId,
          versionId: version.id,
          requestedBy: tenant.userId,
        })
      ).runId,
    );
    const steps = [];
    for (const runId of runIds) {
      const finished = await waitForRun(t.db, tenant.orgId, runId);
      expect(finished.run.status).toBe('succeeded');
      expect(finished.run.triggered_by).toBe(tenant.userId);
      steps.push(...finished.steps);
    }
    expect(steps.map((row) => row.step)).toEqual([
      'prd',
      'tech',
      'breakdown',
      'tasks',
      'suggest',
      'review',
      'breakdown',
      'tasks',
    ]);
    // The fake server answers every call with 100 tokens in and 50 out: $0.0002 at these prices.
    for (const row of steps) {
      expect([row.model, row.tokens_in, row.tokens_out, Number(row.cost_usd)]).toEqual([
        'gpt-4o-mini',
        100,
        50,
        0.0002,
      ]);
      expect(row.latency_ms).not.toBeNull();
    }
    const usage = await listUsage(t.db, tenant.orgId, new Date(0));
    const sum = (pick: (row: (typeof usage)[number]) => number) =>
      usage.reduce((total, row) => total + pick(row), 0);
    expect(sum((row) => row.steps)).toBe(steps.length);
    expect(sum((row) => row.tokensIn + row.tokensOut)).toBe(
      steps.reduce((total, row) => total + (row.tokens_in ?? 0) + (row.tokens_out ?? 0), 0),
    );
    expect(sum((row) => row.costUsd)).toBeCloseTo(0.0002 * steps.length, 9);
  });

  it('refuses a run once the budget is spent without calling the provider', async () => {
    const { tenant } = await t.newPrd();
    await settingsFor(tenant, { monthlyTokenBudget: 100 });
    server.script({ content: samplePrd });
    const before = server.requests.length;
    const first = await planRun(tenant);
    // 150 tokens used of 100: the first call went past the budget, so the run stopped after it.
    const stopped = await waitForRun(t.db, tenant.orgId, first.runId);
    expect(server.requests.length).toBe(before + 1);
    expect(stopped.run.error_message).toBe(
      'stopped: budget exhausted (used 150 of 100 tokens this month)',
    );
    expect(stopped.steps.map((row) => [row.step, row.status])).toEqual([
      ['prd', 'succeeded'],
      ['tech', 'skipped'],
      ['breakdown', 'skipped'],
      ['tasks', 'skipped'],
    ]);
    const refused = await planRun(tenant).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(EnqueueError);
    expect((refused as EnqueueError).message).toBe(
      'Refused: budget exhausted (used 150 of 100 tokens this month).',
    );
    expect(server.requests.length).toBe(before + 1);
  });

  it('cuts a reply longer than the organisation allows and fails the step with that reason', async () => {
    const { tenant } = await t.newPrd();
    await settingsFor(tenant, { maxReplyChars: 200 });
    server.script({ content: samplePrd });
    const { runId } = await planRun(tenant);
    const { run, steps } = await waitForRun(t.db, tenant.orgId, runId);
    expect(run.status).toBe('failed');
    expect(steps[0]?.error_message).toBe(
      'reply_too_large: the reply passed the 200-character limit and was cut off',
    );
  });

  it('stops a run before its call when an admin took its model off the allow-list meanwhile', async () => {
    const { tenant } = await t.newPrd();
    // Created as the web app would, but not yet picked up by a worker.
    const { run } = await t.db.transaction().execute((trx) =>
      createAllowedRun(trx, {
        orgId: tenant.orgId,
        projectId: tenant.projectId,
        triggeredBy: tenant.userId,
        provider: 'auto',
        model: 'gpt-4o-mini',
        inputSnapshot: { kind: 'plan', idea: 'Dog walking', constraints: {} },
        steps: [{ step: 'prd' }, { step: 'tech' }, { step: 'breakdown' }, { step: 'tasks' }],
      }),
    );
    await settingsFor(tenant, { allowedModels: ['gpt-4.1'] });
    const before = server.requests.length;
    const outcome = await planRunJob.perform({ orgId: tenant.orgId, runId: run.id }, worker.deps);
    expect(outcome).toEqual({ status: 'failed' });
    expect(server.requests.length).toBe(before);
    const { run: stopped, steps } = await waitForRun(t.db, tenant.orgId, run.id);
    expect(stopped.error_message).toBe(
      'stopped: model "gpt-4o-mini" is not allowed here (allowed: gpt-4.1)',
    );
    expect(steps.every((row) => row.status === 'skipped' && row.tokens_in === null)).toBe(true);
  });
});
