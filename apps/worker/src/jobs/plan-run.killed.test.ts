import { createDocument } from '@specboard/db/documents';
import { getPlanRun } from '@specboard/db/plan-runs';
import { createTenant, createTestDatabase, type TestDatabase } from '@specboard/db/testing';
import { connectJobClient, enqueuePlanRun } from '@specboard/jobs';
import {
  type FakeOpenAIServer,
  startFakeOpenAIServer,
} from '@specboard/pipeline/testing/fake-openai-server';
import { sampleBreakdown, samplePrd, sampleTasks } from '@specboard/pipeline/testing/samples';
import { DocSession } from '@specboard/stored-doc';
import type { PgBoss } from 'pg-boss';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { documentDocName, fillWithMarkdown } from '../ai/doc-model.ts';
import { createProviderResolver } from '../ai/providers.ts';
import { RecordingBus, type Worker, waitFor, waitForRun } from '../test-support/ai-harness.ts';
import {
  failoverBoundMs,
  startChildWorker,
  startFailoverWorker,
} from '../test-support/failover.ts';
import { startStallingServer } from '../test-support/stalling-server.ts';

/**
 * A worker process killed with SIGKILL in the middle of a model call stops sending pg-boss
 * heartbeats. Within `failoverBoundMs` another worker's supervisor retries the job (which then
 * succeeds) or, when no attempt is left, dead-letters it and the step fails with the reason.
 */

let t: TestDatabase;
let fake: FakeOpenAIServer;
let stalling: Awaited<ReturnType<typeof startStallingServer>>;
let client: PgBoss;
const workers: Worker[] = [];
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
  t = await createTestDatabase();
  fake = await startFakeOpenAIServer();
  stalling = await startStallingServer('# Draft\n\nA first paragraph ');
});
afterEach(async () => {
  for (const worker of workers.splice(0)) await worker.boss.stop({ graceful: false });
  await client?.stop({ graceful: false });
});
afterAll(async () => {
  await stalling.close();
  await fake.close();
  await t.drop();
});

/** A run whose PRD step is streaming from a child worker, which is then killed. */
async function killWorkerMidStep(retryLimit: number) {
  const tenant = await createTenant(t.db);
  const prd = await createDocument(t.db, {
    orgId: tenant.orgId,
    projectId: tenant.projectId,
    type: 'prd',
    title: 'PRD',
    createdBy: tenant.userId,
  });
  if (!prd) throw new Error('no PRD');
  const child = await startChildWorker({
    url: t.url,
    schema,
    baseURL: stalling.baseURL,
    retryLimit,
  });
  client = await connectJobClient({ databaseUrl: t.url, schema, onError: () => {} });
  const setup = await DocSession.open(
    { db: t.db, bus: new RecordingBus() },
    documentDocName(prd.id),
    'test',
  );
  await setup.change((doc) => fillWithMarkdown(doc, samplePrd));
  setup.destroy();
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
    workers.push(
      await startFailoverWorker(t.db, {
        url: t.url,
        schema,
        providers: providers(fake.baseURL),
        retryLimit: 2,
      }),
    );
    const { run, steps } = await waitForRun(t.db, tenant.orgId, runId, failoverBoundMs);
    expect(Date.now() - killedAt).toBeLessThan(failoverBoundMs);
    expect(run.status).toBe('succeeded');
    expect(steps[0]).toMatchObject({ step: 'prd', status: 'succeeded', attempt: 2 });
  }, 90_000);

  it('on its last attempt, fails the step with a readable reason and ends the run', async () => {
    const { tenant, runId, killedAt } = await killWorkerMidStep(0);
    workers.push(
      await startFailoverWorker(t.db, {
        url: t.url,
        schema,
        providers: providers(fake.baseURL),
        retryLimit: 0,
      }),
    );
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
