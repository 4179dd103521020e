import type { AiJobDeps } from '../ai/deps.ts';
import { executeDocumentRun } from '../ai/document-run.ts';
import { defineJob } from '../job.ts';
import { reviewQueue } from '../queues.ts';

/** PRD completeness review: missing sections, unmeasurable metrics… as suggestions. */
export const reviewJob = defineJob<typeof reviewQueue.payload, AiJobDeps>({
  queue: reviewQueue.name,
  payload: reviewQueue.payload,
  retry: reviewQueue.retry,
  async perform(payload, deps) {
    return { status: await executeDocumentRun(deps, payload, 'review') };
  },
});
