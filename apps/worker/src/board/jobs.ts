import type { z } from 'zod';
import type { AiJobDeps } from '../ai/deps.ts';
import type { JobDefinition } from '../job.ts';
import { boardFromVersionJob } from './from-version.job.ts';
import { boardProjectJob, boardProjectSweepJob } from './project-board.job.ts';

/** The board's queues: projection (on request and swept every minute) and version → cards. */
export const boardJobs: readonly JobDefinition<z.ZodType, AiJobDeps>[] = [
  boardProjectJob,
  boardProjectSweepJob,
  boardFromVersionJob,
];
