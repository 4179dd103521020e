import { createTenant } from '@specboard/db/testing';
import { enqueuePlanRun, planRunQueue } from '@specboard/jobs';
import { createOfflineProvider, type Provider } from '@specboard/pipeline';
import { describe, expect, it } from 'vitest';
import type { ProviderResolver } from '../ai/providers.ts';
import { abandonReason } from '../plan/abandoned-run.ts';
import { waitForRun } from '../test-support/ai-harness.ts';
import { useWorkerFixture } from '../test-support/worker-fixture.ts';
import { runSweepJob } from './run-sweep.ts';

const t = useWorkerFixture({ stopWorkers: 'afterEach' });

/** Offline drafts, except that `failing` throws a plain error (not a model failure) every time. */
function crashingOn(failing: string): ProviderResolver {
  const offline = createOfflineProvider();
  const provider: Provider = {
    name: 'crashy',
    defaultModel: 'crashy-1',
    async run(step, input, options) {
      if (step.name === failing) throw new TypeError(`the ${failing} client crashed`);
      return offline.run(step, input, options);
    },
  };
  return () => ({ provider, model: 'crashy-1' });
}

async function runUntilFinished(failing: string) {
  const tenant = await createTenant(t.db);
  const worker = await t.startFailoverWorker({
    schema: 'pgboss_run_failed',
    providers: crashingOn(failing),
    retryLimit: 1,
  });
  const { runId } = await enqueuePlanRun(
    { db: t.db, boss: worker.boss },
    { orgId: tenant.orgId, projectId: tenant.projectId, triggeredBy: tenant.userId },
  );
  return waitForRun(t.db, tenant.orgId, runId, 30_000);
}

describe('a job that throws on every attempt', () => {
  it('fails its step with the error, skips the rest and fails the run', async () => {
    const { run, steps } = await runUntilFinished('prd');
    expect(steps.map((s) => [s.step, s.status])).toEqual([
      ['prd', 'failed'],
      ['tech', 'skipped'],
      ['breakdown', 'skipped'],
      ['tasks', 'skipped'],
    ]);
    expect(steps[0]).toMatchObject({
      attempt: 2,
      error_message: 'Failed on the last of 2 attempts: the prd client crashed',
    });
    expect(run).toMatchObject({
      status: 'failed',
      error_message: 'prd: Failed on the last of 2 attempts: the prd client crashed',
    });
    expect(run.finished_at).not.toBeNull();
  });

  it('keeps the steps that succeeded: the run is partial', async () => {
    const { run, steps } = await runUntilFinished('tech');
    expect(steps.map((s) => [s.step, s.status])).toEqual([
      ['prd', 'succeeded'],
      ['tech', 'failed'],
      ['breakdown', 'skipped'],
      ['tasks', 'skipped'],
    ]);
    expect(run.status).toBe('partial');
    expect(run.error_message).toContain('the tech client crashed');
  });
});

describe('the run sweep', () => {
  it('ends a run whose job was cancelled in pg-boss (no dead letter for those)', async () => {
    const tenant = await createTenant(t.db);
    const worker = await t.startFailoverWorker({
      schema: 'pgboss_run_sweep',
      providers: crashingOn('none'),
      retryLimit: 1,
    });
    await worker.boss.offWork(planRunQueue.name);
    const { runId } = await enqueuePlanRun(
      { db: t.db, boss: worker.boss },
      { orgId: tenant.orgId, projectId: tenant.projectId, triggeredBy: tenant.userId },
    );
    const [job] = await worker.boss.findJobs(planRunQueue.name, { data: { runId } });
    await worker.boss.cancel(planRunQueue.name, job?.id ?? 'missing');
    await worker.boss.send(runSweepJob.queue, { idleSeconds: 0 });
    const { run, steps } = await waitForRun(t.db, tenant.orgId, runId);
    expect(run.status).toBe('failed');
    expect(steps[0]).toMatchObject({
      status: 'failed',
      error_message: 'The job for this run was cancelled in the job queue.',
    });
  });
});

describe('abandonReason', () => {
  const job = (output: unknown, retries = 3) => ({
    queue: 'plan-run',
    output,
    retries,
    createdOn: new Date(),
  });

  it('words pg-boss expiries and unknown failures for people', () => {
    expect(abandonReason(job({ value: { message: 'job timed out' } }))).toBe(
      'The step ran past its time limit on the last of 4 attempts.',
    );
    expect(abandonReason(job({ value: { message: 'job heartbeat timeout' } }, 0))).toBe(
      'The worker running this step stopped responding (it crashed or was killed) on the last of 1 attempt.',
    );
    expect(abandonReason(job({ name: 'Error', message: '' }))).toBe(
      'The job running this step failed on the last of 4 attempts without an error message.',
    );
    expect(abandonReason(job(null))).not.toContain('undefined');
  });
});
