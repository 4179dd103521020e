import { createDocument } from '@specboard/db/documents';
import { createTenant, createTestDatabase, type TestDatabase } from '@specboard/db/testing';
import { enqueueStepRetry, enqueueSuggest } from '@specboard/jobs';
import { createOfflineProvider, type Provider } from '@specboard/pipeline';
import { samplePrd } from '@specboard/pipeline/testing/samples';
import { DocSession } from '@specboard/stored-doc';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { documentDocName, fillWithMarkdown } from '../ai/doc-model.ts';
import { RecordingBus, waitForRun } from '../test-support/ai-harness.ts';
import { startFailoverWorker } from '../test-support/failover.ts';

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

it('an "Ask AI" run whose job failed for good runs again on Retry', async () => {
  let broken = true;
  const offline = createOfflineProvider();
  const provider: Provider = {
    name: 'flaky',
    defaultModel: 'flaky-1',
    async run(step, input, options) {
      if (broken) throw new Error('the suggest client crashed');
      return offline.run(step, input, options);
    },
  };
  const worker = await startFailoverWorker(t.db, {
    url: t.url,
    schema: 'pgboss_run_retry',
    providers: () => ({ provider, model: 'flaky-1' }),
    retryLimit: 0,
  });
  try {
    const tenant = await createTenant(t.db);
    const prd = await createDocument(t.db, {
      orgId: tenant.orgId,
      projectId: tenant.projectId,
      type: 'prd',
      title: 'PRD',
      createdBy: tenant.userId,
    });
    if (!prd) throw new Error('no PRD');
    const setup = await DocSession.open(
      { db: t.db, bus: new RecordingBus() },
      documentDocName(prd.id),
      'test',
    );
    await setup.change((doc) => fillWithMarkdown(doc, samplePrd));
    setup.destroy();
    const deps = { db: t.db, boss: worker.boss };
    const { runId } = await enqueueSuggest(deps, {
      orgId: tenant.orgId,
      documentId: prd.id,
      requestedBy: tenant.userId,
      instruction: 'Make the goals measurable',
    });
    const failed = await waitForRun(t.db, tenant.orgId, runId);
    expect(failed.run.status).toBe('failed');
    expect(failed.steps[0]).toMatchObject({
      step: 'suggest',
      status: 'failed',
      error_message: 'Failed on the last of 1 attempt: the suggest client crashed',
    });

    broken = false;
    await enqueueStepRetry(deps, { orgId: tenant.orgId, runId, step: 'suggest' });
    const retried = await waitForRun(t.db, tenant.orgId, runId);
    expect(retried.run).toMatchObject({ status: 'succeeded', error_message: null });
    expect(retried.steps[0]).toMatchObject({ status: 'succeeded', attempt: 2 });
  } finally {
    await worker.boss.stop({ graceful: false });
  }
});
