import { getVersion, listIdleChangedDocuments } from '@specboard/db/versions';
import { restoreStoredVersion, saveStoredVersion } from '@specboard/stored-doc';
import { z } from 'zod';
import type { AiJobDeps } from '../ai/deps.ts';
import { defineJob, type JobDeps } from '../job.ts';
import { versionRestoreQueue, versionSaveQueue } from './queues.ts';

/** "Save version" (and versions around AI changes): a snapshot of the stored document. */
export const versionSaveJob = defineJob({
  queue: versionSaveQueue.name,
  payload: versionSaveQueue.payload,
  retry: versionSaveQueue.retry,
  async perform(payload, { db }) {
    const version = await saveStoredVersion(db, {
      ...payload,
      skipWhenUnchanged: payload.trigger === 'auto',
    });
    return { versionId: version?.id ?? null };
  },
});

export const versionRestoreJob = defineJob<typeof versionRestoreQueue.payload, AiJobDeps>({
  queue: versionRestoreQueue.name,
  payload: versionRestoreQueue.payload,
  retry: versionRestoreQueue.retry,
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

/** A document idle this long after changes gets an automatic version. */
export const AUTO_VERSION_IDLE_SECONDS = 300;

/**
 * Automatic versions of documents idle for `idleSeconds` (before `now`, default the database's
 * clock) after changes; unchanged text (same as the latest version) is skipped, so repeating this
 * saves nothing twice.
 */
export async function saveAutoVersions(
  deps: Pick<JobDeps, 'db' | 'logger'>,
  { idleSeconds, now }: { idleSeconds: number; now?: Date },
): Promise<{ candidates: number; saved: number }> {
  const idle = await listIdleChangedDocuments(deps.db, { idleSeconds, now });
  let saved = 0;
  for (const candidate of idle) {
    try {
      const version = await saveStoredVersion(deps.db, {
        ...candidate,
        trigger: 'auto',
        label: null,
        createdBy: null,
        skipWhenUnchanged: true,
      });
      if (version) saved++;
    } catch (error) {
      deps.logger.error(
        { err: error, documentId: candidate.documentId },
        'automatic version failed',
      );
    }
  }
  return { candidates: idle.length, saved };
}

/** Every minute: automatic versions of documents idle for five minutes after changes. */
export const autoVersionJob = defineJob({
  queue: 'version-auto',
  payload: z.object({}).loose(),
  retry: { retryLimit: 0, retryDelay: 0, retryBackoff: false, expireInSeconds: 120 },
  cron: '* * * * *',
  perform: (_payload, deps) => saveAutoVersions(deps, { idleSeconds: AUTO_VERSION_IDLE_SECONDS }),
});
