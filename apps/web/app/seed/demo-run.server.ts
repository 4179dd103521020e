import { type Project, recordFinishedPlanRun } from '@specboard/db';
import { recordModelCall } from '@specboard/db/model-stats';
import { listPlanRuns } from '@specboard/db/plan-runs';
import { db } from '../db.server.ts';

const provider = 'openai';
const model = 'gpt-4.1-mini';

/** Usage of a typical plan run on a small model, so the run page shows real-looking figures. */
const demoSteps = [
  { step: 'prd', tokensIn: 1_240, tokensOut: 2_310, costUsd: 0.004192, latencyMs: 14_200 },
  { step: 'tech', tokensIn: 2_880, tokensOut: 2_950, costUsd: 0.005872, latencyMs: 18_900 },
  { step: 'breakdown', tokensIn: 3_420, tokensOut: 1_180, costUsd: 0.003256, latencyMs: 9_400 },
  { step: 'tasks', tokensIn: 2_060, tokensOut: 1_540, costUsd: 0.003288, latencyMs: 11_700 },
] as const;

/** A plan run that succeeded yesterday, unless the project already has a finished one. */
export async function seedFinishedRun(project: Project, ownerId: string): Promise<string> {
  const runs = await listPlanRuns(db(), project.org_id, project.id);
  const existing = runs.find((r) => r.status === 'succeeded');
  if (existing) return existing.id;
  const { run } = await recordFinishedPlanRun(db(), {
    orgId: project.org_id,
    projectId: project.id,
    triggeredBy: ownerId,
    provider,
    model,
    inputSnapshot: { kind: 'plan', idea: project.idea, constraints: project.constraints },
    queuedAt: new Date(Date.now() - 24 * 60 * 60 * 1000),
    steps: demoSteps,
  });
  for (const step of demoSteps) {
    await recordModelCall(db(), {
      orgId: project.org_id,
      provider,
      model,
      step: step.step,
      failed: false,
      tokensIn: step.tokensIn,
      tokensOut: step.tokensOut,
      latencyMs: step.latencyMs,
      costUsd: step.costUsd,
    });
  }
  return run.id;
}
