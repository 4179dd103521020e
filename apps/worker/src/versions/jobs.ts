import type { z } from 'zod';
import type { AiJobDeps } from '../ai/deps.ts';
import type { JobDefinition } from '../job.ts';
import { autoVersionJob, versionRestoreJob, versionSaveJob } from './version-jobs.ts';

/** The version queues: save, restore, and automatic versions of idle documents. */
export const versionJobs: readonly JobDefinition<z.ZodType, AiJobDeps>[] = [
  versionSaveJob,
  versionRestoreJob,
  autoVersionJob,
];
