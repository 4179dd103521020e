import type { z } from 'zod';
import type { AiJobDeps } from '../ai/deps.ts';
import { boardJobs } from '../board/jobs.ts';
import type { JobDefinition } from '../job.ts';
import { versionJobs } from '../versions/jobs.ts';
import { compactDocsJob } from './compact-docs.ts';
import { planRunJob } from './plan-run.ts';
import { planStepJob } from './plan-step.ts';
import { reviewJob } from './review.ts';
import { runFailedJob } from './run-failed.ts';
import { runSweepJob } from './run-sweep.ts';
import { suggestJob } from './suggest.ts';

/** Every queue this worker serves. */
export const jobs: readonly JobDefinition<z.ZodType, AiJobDeps>[] = [
  compactDocsJob,
  planRunJob,
  planStepJob,
  suggestJob,
  reviewJob,
  runFailedJob,
  runSweepJob,
  ...boardJobs,
  ...versionJobs,
];
