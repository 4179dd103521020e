import { reviewQueue } from '@specboard/jobs';
import type { AiJobDeps } from '../ai/deps.ts';
import { executeDocumentRun } from '../ai/document-run.ts';
import { defineJob } from '../job.ts';

/** PRD completeness review: missing sections, unmeasurable metrics… as suggestions. */
export const reviewJob = defineJob<typeof reviewQueue.payload, AiJobDeps>({
  contract: reviewQueue,
  async perform(payload, deps) {
    return { status: await executeDocumentRun(deps, payload, 'review') };
  },
});
