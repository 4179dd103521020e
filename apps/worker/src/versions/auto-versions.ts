import { withOrg } from '@specboard/db';
import { recordActivity } from '@specboard/db/activity';
import { listIdleChangedDocuments } from '@specboard/db/versions';
import { saveStoredVersion } from '@specboard/stored-doc';
import type { JobDeps } from '../job.ts';

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
      if (!version) continue;
      saved++;
      await withOrg(deps.db, candidate.orgId, (trx) =>
        recordActivity(trx, {
          orgId: candidate.orgId,
          actorId: null,
          resourceType: 'document',
          resourceId: candidate.documentId,
          action: 'version.auto_saved',
          changes: { versionId: version.id, number: version.number },
        }),
      );
    } catch (error) {
      deps.logger.error(
        { err: error, documentId: candidate.documentId },
        'automatic version failed',
      );
    }
  }
  return { candidates: idle.length, saved };
}
