import { withOrg } from '@specboard/db';
import { getDocument } from '@specboard/db/documents';
import { versionSaveQueue } from '@specboard/jobs';
import { saveStoredVersion } from '@specboard/stored-doc';
import { emitFromJob } from '../integrations/emit-event.ts';
import { versionedEvents } from '../integrations/version-events.ts';
import { defineJob } from '../job.ts';

/** "Save version" (and versions around AI changes): a snapshot of the stored document. */
export const versionSaveJob = defineJob({
  contract: versionSaveQueue,
  async perform(payload, deps) {
    const version = await saveStoredVersion(deps.db, {
      ...payload,
      skipWhenUnchanged: payload.trigger === 'auto',
    });
    // `createVersion` commits in its own transaction (it takes the per-document lock), so the
    // event follows in the next one; a failure there is logged, not retried: retrying the job
    // would save a second version.
    if (version) {
      await withOrg(deps.db, payload.orgId, async (trx) => {
        const document = await getDocument(trx, payload.orgId, version.document_id);
        const events = versionedEvents(payload.orgId, document?.project_id, version);
        await emitFromJob(deps, trx, payload.orgId, events);
      }).catch((error: unknown) =>
        deps.logger.error(
          { err: error, versionId: version.id },
          'could not emit document.versioned',
        ),
      );
    }
    return { versionId: version?.id ?? null };
  },
});
