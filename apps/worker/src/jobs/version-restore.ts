import { getVersion } from '@specboard/db/versions';
import { versionRestoreQueue } from '@specboard/jobs';
import { restoreStoredVersion } from '@specboard/stored-doc';
import type { AiJobDeps } from '../ai/deps.ts';
import { defineJob } from '../job.ts';

/** "Restore this version": the stored document takes the version's content again. */
export const versionRestoreJob = defineJob<typeof versionRestoreQueue.payload, AiJobDeps>({
  contract: versionRestoreQueue,
  async perform({ orgId, versionId, requestedBy }, deps) {
    const version = await getVersion(deps.db, orgId, versionId);
    if (!version) {
      deps.logger.warn({ versionId }, 'version to restore not found');
      return { restored: null };
    }
    const restored = await restoreStoredVersion(deps, {
      orgId,
      version,
      requestedBy,
      origin: `worker:restore:${version.id}`,
    });
    return { restored: restored?.id ?? null };
  },
});
