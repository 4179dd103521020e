import { sql } from 'kysely';
import type { Db } from './client.ts';
import { newId } from './ids.ts';
import { withOrg } from './org-scope.ts';
import type { MappingResourceType } from './schema.ts';

/**
 * Publishing a resource of ours to another tool as one item (a document's versions as one
 * Confluence page): the mapping's status, read by the page that offers "Publish".
 */

interface PushRef {
  integrationId: string;
  resourceType: MappingResourceType;
  resourceId: string;
  externalType: string;
}

/**
 * Records a failed push. A resource that was never pushed gets a mapping with no external id
 * yet (`external_id` empty), so the failure of a first publish is shown like any later one; the
 * next push treats an empty id as "not created yet".
 */
export async function recordPushFailed(
  db: Db,
  orgId: string,
  ref: PushRef,
  error: string,
): Promise<void> {
  await withOrg(db, orgId, (trx) =>
    trx
      .insertInto('integration_mappings')
      .values({
        id: newId(),
        org_id: orgId,
        integration_id: ref.integrationId,
        resource_type: ref.resourceType,
        resource_id: ref.resourceId,
        external_id: '',
        external_type: ref.externalType,
        sync_status: 'failed',
        last_error: error,
      })
      .onConflict((conflict) =>
        conflict
          .constraint('integration_mappings_resource')
          .doUpdateSet({ sync_status: 'failed', last_error: error, updated_at: sql`now()` }),
      )
      .execute(),
  );
}

export interface PublishStatus {
  integrationId: string;
  integrationName: string;
  status: 'never' | 'pending' | 'synced' | 'failed' | 'conflict';
  externalUrl: string | null;
  lastSyncedAt: Date | null;
  lastError: string | null;
  /** The version number that page shows, when it was published. */
  versionNumber: number | null;
}

/** Every integration of `kind` in the organisation with the mapping of one resource, if any. */
export async function listPublishStatus(
  db: Db,
  orgId: string,
  kind: 'confluence',
  ref: { resourceType: MappingResourceType; resourceId: string },
): Promise<PublishStatus[]> {
  const rows = await withOrg(db, orgId, (trx) =>
    trx
      .selectFrom('integrations as i')
      .leftJoin('integration_mappings as m', (join) =>
        join
          .onRef('m.integration_id', '=', 'i.id')
          .on('m.resource_type', '=', ref.resourceType)
          .on('m.resource_id', '=', ref.resourceId),
      )
      .select([
        'i.id',
        'i.name',
        'm.sync_status',
        'm.external_url',
        'm.last_synced_at',
        'm.last_error',
        sql<string | null>`m.synced_state ->> 'versionNumber'`.as('version_number'),
      ])
      .where('i.org_id', '=', orgId)
      .where('i.kind', '=', kind)
      .orderBy('i.created_at')
      .execute(),
  );
  return rows.map((row) => ({
    integrationId: row.id,
    integrationName: row.name,
    status: row.sync_status ?? 'never',
    externalUrl: row.external_url,
    lastSyncedAt: row.last_synced_at,
    lastError: row.last_error,
    versionNumber: row.version_number === null ? null : Number(row.version_number),
  }));
}
