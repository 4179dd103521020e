import { jiraPushQueue } from '@specboard/jobs';
import type { AiJobDeps } from '../ai/deps.ts';
import { pushBoardToJira } from '../integrations/jira-push.ts';
import { defineJob } from '../job.ts';

/**
 * "Push to Jira": idempotent, since pushed cards are updated through their mappings; a 429
 * throws, so pg-boss retries the whole push later with back-off.
 */
export const jiraPushJob = defineJob<typeof jiraPushQueue.payload, AiJobDeps>({
  contract: jiraPushQueue,
  async perform(payload, deps) {
    const result = await pushBoardToJira(deps, payload);
    deps.logger.info(
      { ...payload, cardIds: undefined, pushed: result.pushed.length, failed: result.failed },
      'cards pushed to Jira',
    );
    return { pushed: result.pushed.length, failed: result.failed.length };
  },
});
