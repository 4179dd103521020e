import { documentMentionsQueue } from '@specboard/jobs';
import { defineJob } from '../job.ts';
import { notifyNewMentions } from '../mentions/notify-new-mentions.ts';

/** Notifies the people a document newly mentions (enqueued, debounced, after such edits). */
export const documentMentionsJob = defineJob({
  contract: documentMentionsQueue,
  async perform({ orgId, documentId }, deps) {
    const result = await notifyNewMentions(deps.db, orgId, documentId);
    deps.logger.debug({ documentId, ...result }, 'document mentions checked');
    return result;
  },
});
