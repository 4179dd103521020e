import { breakdownStep } from './breakdown.ts';
import { prdStep } from './prd.ts';
import { reviewStep } from './review.ts';
import { suggestStep } from './suggest.ts';
import { tasksStep } from './tasks.ts';
import { techStep } from './tech.ts';

export const steps = {
  prd: prdStep,
  tech: techStep,
  breakdown: breakdownStep,
  tasks: tasksStep,
  suggest: suggestStep,
  review: reviewStep,
} as const;

export type StepName = keyof typeof steps;
