import { compactDoc, docsNeedingCompaction } from '@specboard/db/doc-log';
import { mergeDocState } from '@specboard/doc/doc-state';
import { compactDocsQueue } from '@specboard/jobs';
import { defineJob } from '../job.ts';

/**
 * Periodic compaction of every document whose update log has grown past the thresholds, or of
 * the named documents. Runs here, off any socket event loop. Safe to repeat: compaction deletes
 * exactly the rows it folded in, under a per-document lock.
 */
export const compactDocsJob = defineJob({
  contract: compactDocsQueue,
  cron: '* * * * *',
  async perform(payload, { db, logger }) {
    const docs =
      payload.docs ??
      (await docsNeedingCompaction(db, { rows: payload.minRows, bytes: payload.minBytes }));
    let rows = 0;
    for (const { orgId, docName } of docs) {
      const started = performance.now();
      const folded = await compactDoc(db, orgId, docName, mergeDocState);
      rows += folded;
      if (folded > 0) {
        logger.info(
          { docName, rows: folded, ms: Math.round(performance.now() - started) },
          'compacted',
        );
      }
    }
    return { docs: docs.length, rows };
  },
});
