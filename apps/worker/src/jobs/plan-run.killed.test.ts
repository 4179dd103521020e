import { getPlanRun } from '@specboard/db/plan-runs';
import { connectJobClient, enqueuePlanRun } from '@specboard/jobs';
import {
  type FakeOpenAIServer,
  startFakeOpenAIServer,
} from '@specboard/pipeline/testing/fake-openai-server';
import { sampleBreakdown, samplePrd, sampleTasks } from '@specboard/pipeline/testing/samples';
import type { PgBoss } from 'pg-boss';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createProviderResolver } from '../ai/providers.ts';
import { waitFor, waitForRun } from '../test-support/ai-harness.ts';
import { failoverBoundMs, startChildWorker } from '../test-support/failover.ts';
import { startStallingServer } from '../test-support/stalling-server.ts';
import { useWorkerFixture } from '../test-support/worker-fixture.ts';

/**
 * A worker process killed with SIGKILL in the middle of a model call stops sending pg-boss
 * heartbeats. Within `failoverBoundMs` another worker's supervisor retries the job (which then
 * succeeds) or, when no attempt is left, dead-letters it and the step fails with the reason.
 */

const t = useWorkerFixture({ stopWorkers: 'afterEach' });
let fake: FakeOpenAIServer;
let stalling: Awaited<ReturnType<typeof startStallingServer>>;
let client: PgBoss;
const schema = 'pgboss_killed';

const providers = (baseURL: string) =>
  createProviderResolver({
    kind: 'openai',
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
afterEach(async () => {
  await client?.stop({ graceful: false });
});

/** A run whose PRD step is streaming from a child worker, which is then killed. */
async function killWorkerMidStep(retryLimit: number) {
  const { tenant, docName } = await t.newPrd();
  const child = await startChildWorker({
    url: t.url,
    schema,
    baseURL: stalling.baseURL,
    retryLimit,
  });
  client = await connectJobClient({ databaseUrl: t.url, schema, onError: () => {} });
  await t.writeMarkdown(tenant.orgId, docName, samplePrd);
  const requestsBefore = stalling.requests;
  const { runId } = await enqueuePlanRun(
    { db: t.db, boss: client },
    { orgId: tenant.orgId, projectId: tenant.projectId, triggeredBy: tenant.userId },
  );
  await waitFor(
    async () => ({
      requests: stalling.requests,
      status: (await getPlanRun(t.db, tenant.orgId, runId))?.steps[0]?.status,
    }),
    (seen) => seen.requests > requestsBefore && seen.status === 'running',
  );
  child.process.kill('SIGKILL');
  expect(await child.exited).toBe('SIGKILL');
  return { tenant, runId, killedAt: Date.now() };
}

describe('a worker killed mid-step', () => {
  it('has its job retried by another worker, which finishes the run', async () => {
    const { tenant, runId, killedAt } = await killWorkerMidStep(2);
    fake.script(
      { content: `${samplePrd}\n## Risks\n\n- Walkers cancel late.\n` },
      { content: '## Architecture\n\nOne service.\n' },
      { content: JSON.stringify(sampleBreakdown) },
      { content: JSON.stringify(sampleTasks) },
    );
    await t.startFailoverWorker({ schema, providers: providers(fake.baseURL), retryLimit: 2 });
    const { run, steps } = await waitForRun(t.db, tenant.orgId, runId, failoverBoundMs);
    expect(Date.now() - killedAt).toBeLessThan(failoverBoundMs);
    expect(run.status).toBe('succeeded');
    expect(steps[0]).toMatchObject({ step: 'prd', status: 'succeeded', attempt: 2 });
  }, 90_000);

  it('on its last attempt, fails the step with a readable reason and ends the run', async () => {
    const { tenant, runId, killedAt } = await killWorkerMidStep(0);
    await t.startFailoverWorker({ schema, providers: providers(fake.baseURL), retryLimit: 0 });
    const { run, steps } = await waitForRun(t.db, tenant.orgId, runId, failoverBoundMs);
    expect(Date.now() - killedAt).toBeLessThan(failoverBoundMs);
    expect(run.status).toBe('failed');
    expect(steps.map((s) => [s.step, s.status])).toEqual([
      ['prd', 'failed'],
      ['tech', 'skipped'],
      ['breakdown', 'skipped'],
      ['tasks', 'skipped'],
    ]);
    expect(steps[0]?.error_message).toBe(
      'The worker running this step stopped responding (it crashed or was killed) on the last of 1 attempt.',
    );
    expect(run.error_message).toContain('stopped responding');
  }, 90_000);
});
