import { suggestQueue } from '@specboard/jobs';
import type { AiJobDeps } from '../ai/deps.ts';
import { executeDocumentRun } from '../ai/document-run.ts';
import { defineJob } from '../job.ts';

/** "Ask AI" on a document or selection: suggestions written into the shared document. */
export const suggestJob = defineJob<typeof suggestQueue.payload, AiJobDeps>({
  contract: suggestQueue,
  async perform(payload, deps) {
    return { status: await executeDocumentRun(deps, payload, 'suggest') };
  },
});
