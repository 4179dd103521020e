import type { PlanRunStep } from '@specboard/db';
import { planStepNameSchema } from '@specboard/jobs';
import { breakdownWork } from './breakdown-step.ts';
import type { PlanContext } from './execute-run.ts';
import { proseWork } from './prose-steps.ts';
import { tasksWork } from './tasks-step.ts';
import type { VariantWork } from './variant.ts';

/** The work of one variant of a plan step. */
export async function workForPlanStep(
  context: PlanContext,
  row: PlanRunStep,
): Promise<VariantWork<unknown>> {
  const step = planStepNameSchema.parse(row.step);
  switch (step) {
    case 'prd':
    case 'tech':
      return await proseWork(context, row, step);
    case 'breakdown':
      return breakdownWork(context);
    case 'tasks':
      return tasksWork(context);
  }
}
