import { enqueueStepRetry, enqueueSuggest } from '@specboard/jobs';
import { createOfflineProvider, type Provider } from '@specboard/pipeline';
import { samplePrd } from '@specboard/pipeline/testing/samples';
import { expect, it } from 'vitest';
import { waitForRun } from '../test-support/ai-harness.ts';
import { useWorkerFixture } from '../test-support/worker-fixture.ts';

const t = useWorkerFixture();

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
  const worker = await t.startFailoverWorker({
    schema: 'pgboss_run_retry',
    providers: () => ({ provider, model: 'flaky-1' }),
    retryLimit: 0,
  });
  const { tenant, document: prd, docName } = await t.newPrd();
  await t.writeMarkdown(tenant.orgId, docName, samplePrd);
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
});
