import { listRecentlyMentioningDocs } from '@specboard/db/document-mentions';
import { documentMentionsSweepQueue } from '@specboard/jobs';
import { defineJob } from '../job.ts';
import { notifyNewMentions } from '../mentions/notify-new-mentions.ts';

/** How far back the sweep looks: a worker restart or a listener reconnect takes less. */
const SWEEP_WINDOW_SECONDS = 300;

/**
 * Every minute, checks again the documents whose log gained a mention lately. The check only
 * notifies what no earlier check claimed, so covering a document twice costs a read, not a
 * duplicate; this is what catches a NOTIFY sent while no worker listened.
 */
export const documentMentionsSweepJob = defineJob({
  contract: documentMentionsSweepQueue,
  cron: '* * * * *',
  async perform(_payload, { db, logger }) {
    const docs = await listRecentlyMentioningDocs(db, SWEEP_WINDOW_SECONDS);
    let notified = 0;
    for (const { orgId, documentId } of docs) {
      try {
        notified += (await notifyNewMentions(db, orgId, documentId)).notified;
      } catch (error) {
        logger.error({ err: error, documentId }, 'mention sweep: the check of a document failed');
      }
    }
    return { documents: docs.length, notified };
  },
});
