import type { AiJobDeps } from '../ai/deps.ts';
import { executeDocumentRun } from '../ai/document-run.ts';
import { defineJob } from '../job.ts';
import { suggestQueue } from '../queues.ts';

/** "Ask AI" on a document or selection: suggestions written into the shared document. */
export const suggestJob = defineJob<typeof suggestQueue.payload, AiJobDeps>({
  queue: suggestQueue.name,
  payload: suggestQueue.payload,
  retry: suggestQueue.retry,
  async perform(payload, deps) {
    return { status: await executeDocumentRun(deps, payload, 'suggest') };
  },
});
