// A plan run for the worker fault: an OpenAI-compatible endpoint on loopback that writes slowly
// (so a step is surely in flight when the workers are paused), and the run's state in Postgres.
import type { Db } from '@specboard/db';
import { getPlanRun } from '@specboard/db/plan-runs';
import { createTenant } from '@specboard/db/testing';
import { connectJobClient, enqueuePlanRun } from '@specboard/jobs';
import { startPacedStreamServer } from '../../apps/worker/src/test-support/paced-stream-server.ts';
import { until } from './until.ts';

const ENDED = ['succeeded', 'partial', 'failed', 'cancelled'];

/** Markdown the slow model streams, a piece every 60 ms (about 2.5 s per step). */
const PIECES = [
  '## Problem\n\n',
  ...Array.from({ length: 40 }, (_, i) => `Teams lose track of decision ${i}. `),
];

export type SlowModel = Awaited<ReturnType<typeof startPacedStreamServer>>;

export function startSlowModel(): Promise<SlowModel> {
  return startPacedStreamServer(PIECES, 60);
}

export interface StartedRun {
  orgId: string;
  runId: string;
}

/** Enqueues a plan run of a fresh tenant, exactly as the web app does. */
export async function enqueueRun(db: Db, databaseUrl: string): Promise<StartedRun> {
  const tenant = await createTenant(db, 'Chaos');
  const boss = await connectJobClient({
    databaseUrl,
    onError: (error) => process.stderr.write(`[chaos] job client: ${String(error)}\n`),
  });
  try {
    const { runId } = await enqueuePlanRun(
      { db, boss },
      { orgId: tenant.orgId, projectId: tenant.projectId, triggeredBy: tenant.userId },
    );
    return { orgId: tenant.orgId, runId };
  } finally {
    await boss.stop({ graceful: false });
  }
}

export async function waitForRunningStep(db: Db, run: StartedRun): Promise<string> {
  let step = '';
  await until(
    async () => {
      const found = await getPlanRun(db, run.orgId, run.runId);
      step = found?.steps.find((s) => s.status === 'running')?.step ?? '';
      return step !== '';
    },
    `a running step of plan run ${run.runId}`,
    60_000,
  );
  return step;
}

/** Waits until the run has ended; returns its status and the steps left running (must be none). */
export async function waitForRunEnd(
  db: Db,
  run: StartedRun,
): Promise<{ status: string; stuckSteps: string[] }> {
  let result = { status: '', stuckSteps: [] as string[] };
  await until(
    async () => {
      const found = await getPlanRun(db, run.orgId, run.runId);
      if (!found || !ENDED.includes(found.run.status)) return false;
      const stuckSteps = found.steps
        .filter((s) => s.status === 'running' || s.status === 'queued')
        .map((s) => s.step);
      result = { status: found.run.status, stuckSteps };
      return true;
    },
    `plan run ${run.runId} to finish or fail`,
    90_000,
  );
  return result;
}
