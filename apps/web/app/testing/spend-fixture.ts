import { saveAiSettings, unlimitedAiSettings } from '@specboard/db/ai-settings';
import { recordFinishedPlanRun } from '@specboard/db/finished-runs';
import { createProject } from '@specboard/db/projects';
import { db } from '../db.server.ts';
import { orgWithMembers } from './org-fixture.ts';

/**
 * An organisation whose month is past both budgets (1,100 of 1,000 tokens, $0.25 of $0.10) after
 * one paid run, with a project ready to generate from.
 */
export async function orgPastItsBudgets() {
  const { orgId, users } = await orgWithMembers({ roles: ['editor'] });
  const budgets = { monthlyTokenBudget: 1_000, monthlyCostBudgetUsd: 0.1 };
  await saveAiSettings(db(), orgId, { ...unlimitedAiSettings, ...budgets }, users.owner.id);
  const project = await createProject(db(), {
    orgId,
    name: 'Walkies',
    idea: 'Owners book vetted dog walkers nearby',
    createdBy: users.owner.id,
  });
  await recordFinishedPlanRun(db(), {
    orgId,
    projectId: project.id,
    triggeredBy: users.owner.id,
    provider: 'openai',
    model: 'gpt-4o-mini',
    inputSnapshot: { kind: 'plan', idea: 'x', constraints: {} },
    queuedAt: new Date(),
    steps: [{ step: 'prd', tokensIn: 700, tokensOut: 400, costUsd: 0.25, latencyMs: 900 }],
  });
  return { orgId, users, project };
}
