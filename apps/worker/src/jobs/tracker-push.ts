import { trackerPushQueue } from '@specboard/jobs';
import type { AiJobDeps } from '../ai/deps.ts';
import { pushBoardToTracker } from '../integrations/tracker-push.ts';
import { defineJob } from '../job.ts';

/**
 * "Push board": idempotent, since pushed cards are updated through their mappings; a 429
 * throws, so pg-boss retries the whole push later with back-off.
 */
export const trackerPushJob = defineJob<typeof trackerPushQueue.payload, AiJobDeps>({
  contract: trackerPushQueue,
  async perform(payload, deps) {
    const result = await pushBoardToTracker(deps, payload);
    deps.logger.info(
      { ...payload, cardIds: undefined, pushed: result.pushed.length, failed: result.failed },
      'cards pushed to the tracker',
    );
    return { pushed: result.pushed.length, failed: result.failed.length };
  },
});
