import { versionSaveQueue } from '@specboard/jobs';
import { saveStoredVersion } from '@specboard/stored-doc';
import { defineJob } from '../job.ts';

/** "Save version" (and versions around AI changes): a snapshot of the stored document. */
export const versionSaveJob = defineJob({
  contract: versionSaveQueue,
  async perform(payload, { db }) {
    const version = await saveStoredVersion(db, {
      ...payload,
      skipWhenUnchanged: payload.trigger === 'auto',
    });
    return { versionId: version?.id ?? null };
  },
});
