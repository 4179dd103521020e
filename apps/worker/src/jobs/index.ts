import type { z } from 'zod';
import type { AiJobDeps } from '../ai/deps.ts';
import type { JobDefinition } from '../job.ts';
import { boardProjectJob } from './board-project.ts';
import { boardProjectSweepJob } from './board-project-sweep.ts';
import { compactDocsJob } from './compact-docs.ts';
import { confluencePublishJob } from './confluence-publish.ts';
import { documentMentionsJob } from './document-mentions.ts';
import { documentMentionsSweepJob } from './document-mentions-sweep.ts';
import { integrationDeliverJob } from './integration-deliver.ts';
import { planRunJob } from './plan-run.ts';
import { planStepJob } from './plan-step.ts';
import { reviewJob } from './review.ts';
import { runFailedJob } from './run-failed.ts';
import { runSweepJob } from './run-sweep.ts';
import { suggestJob } from './suggest.ts';
import { trackerInboundJob } from './tracker-inbound.ts';
import { trackerPushJob } from './tracker-push.ts';
import { autoVersionJob } from './version-auto.ts';
import { versionRestoreJob } from './version-restore.ts';
import { versionSaveJob } from './version-save.ts';
import { versionTasksJob } from './version-tasks.ts';

/** Every queue this worker serves: one `defineJob` per file of this folder. */
export const jobs: readonly JobDefinition<z.ZodType, AiJobDeps>[] = [
  compactDocsJob,
  planRunJob,
  planStepJob,
  suggestJob,
  reviewJob,
  runFailedJob,
  runSweepJob,
  boardProjectJob,
  boardProjectSweepJob,
  documentMentionsJob,
  documentMentionsSweepJob,
  versionTasksJob,
  versionSaveJob,
  versionRestoreJob,
  autoVersionJob,
  integrationDeliverJob,
  trackerInboundJob,
  trackerPushJob,
  confluencePublishJob,
];
