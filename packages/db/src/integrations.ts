import { sql } from 'kysely';
import type { Db } from './client.ts';
import { newId } from './ids.ts';
import { withCrossTenant, withOrg } from './org-scope.ts';
import type {
  DeliveryStatus,
  IntegrationConfig,
  IntegrationKind,
  IntegrationStatus,
  MappingResourceType,
} from './schema.ts';

/**
 * Integrations of an organisation and their delivery log. Every function runs inside
 * `withOrg` (row-level security), also when handed a transaction. The sealed secret is only
 * returned by `getIntegrationWithSecret`, for the code that calls the other tool.
 */

const publicColumns = [
  'id',
  'org_id',
  'kind',
  'name',
  'config',
  'status',
  'created_by',
  'created_at',
  'updated_at',
] as const;

export interface IntegrationSummary {
  id: string;
  org_id: string;
  kind: IntegrationKind;
  name: string;
  config: IntegrationConfig;
  status: IntegrationStatus;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface NewIntegration {
  orgId: string;
  kind: IntegrationKind;
  name: string;
  config: IntegrationConfig;
  secretSealed: string;
  createdBy: string | null;
}

export async function createIntegration(
  db: Db,
  input: NewIntegration,
): Promise<IntegrationSummary> {
  return withOrg(db, input.orgId, (trx) =>
    trx
      .insertInto('integrations')
      .values({
        id: newId(),
        org_id: input.orgId,
        kind: input.kind,
        name: input.name,
        config: input.config,
        secret_sealed: input.secretSealed,
        created_by: input.createdBy,
      })
      .returning(publicColumns)
      .executeTakeFirstOrThrow(),
  );
}

export async function listIntegrations(db: Db, orgId: string): Promise<IntegrationSummary[]> {
  return withOrg(db, orgId, (trx) =>
    trx
      .selectFrom('integrations')
      .select(publicColumns)
      .where('org_id', '=', orgId)
      .orderBy('created_at')
      .execute(),
  );
}

export async function getIntegrationWithSecret(
  db: Db,
  orgId: string,
  id: string,
): Promise<(IntegrationSummary & { secret_sealed: string }) | undefined> {
  return withOrg(db, orgId, (trx) =>
    trx
      .selectFrom('integrations')
      .select([...publicColumns, 'secret_sealed'])
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .executeTakeFirst(),
  );
}

/** Pauses or resumes; returns false when there is no such integration in the organisation. */
export async function setIntegrationStatus(
  db: Db,
  orgId: string,
  id: string,
  status: IntegrationStatus,
): Promise<boolean> {
  const result = await withOrg(db, orgId, (trx) =>
    trx
      .updateTable('integrations')
      .set({ status, updated_at: sql`now()` })
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .executeTakeFirst(),
  );
  return result.numUpdatedRows > 0n;
}

/** Re-seals a secret (key rotation); the caller opened it with the old key. */
export async function replaceIntegrationSecret(
  db: Db,
  orgId: string,
  id: string,
  secretSealed: string,
): Promise<void> {
  await withOrg(db, orgId, (trx) =>
    trx
      .updateTable('integrations')
      .set({ secret_sealed: secretSealed, updated_at: sql`now()` })
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .execute(),
  );
}

/** Removes an integration with its mappings and delivery log. */
export async function removeIntegration(db: Db, orgId: string, id: string): Promise<boolean> {
  const result = await withOrg(db, orgId, (trx) =>
    trx
      .deleteFrom('integrations')
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .executeTakeFirst(),
  );
  return result.numDeletedRows > 0n;
}

/** Active integrations whose `config.events` lists `eventKind`. */
export async function listSubscribers(
  db: Db,
  orgId: string,
  eventKind: string,
): Promise<IntegrationSummary[]> {
  return withOrg(db, orgId, (trx) =>
    trx
      .selectFrom('integrations')
      .select(publicColumns)
      .where('org_id', '=', orgId)
      .where('status', '=', 'active')
      .where(sql<boolean>`config -> 'events' ? ${eventKind}`)
      .execute(),
  );
}

export interface NewDelivery {
  integrationId: string;
  eventId: string;
  eventKind: string;
  payload: Record<string, unknown>;
  redeliveryOf?: string;
}

/** Records deliveries to make (status pending); returns their ids in the order given. */
export async function createDeliveries(
  db: Db,
  orgId: string,
  deliveries: readonly NewDelivery[],
): Promise<string[]> {
  if (deliveries.length === 0) return [];
  const rows = deliveries.map((d) => ({
    id: newId(),
    org_id: orgId,
    integration_id: d.integrationId,
    event_id: d.eventId,
    event_kind: d.eventKind,
    payload: d.payload,
    redelivery_of: d.redeliveryOf ?? null,
  }));
  await withOrg(db, orgId, (trx) =>
    trx.insertInto('integration_deliveries').values(rows).execute(),
  );
  return rows.map((row) => row.id);
}

export async function getDelivery(db: Db, orgId: string, id: string) {
  return withOrg(db, orgId, (trx) =>
    trx
      .selectFrom('integration_deliveries')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .executeTakeFirst(),
  );
}

export interface DeliveryAttempt {
  status: Exclude<DeliveryStatus, 'pending'>;
  responseCode: number | null;
  responseMs: number | null;
  error: string | null;
}

export async function recordDeliveryAttempt(
  db: Db,
  orgId: string,
  id: string,
  attempt: DeliveryAttempt,
): Promise<void> {
  await withOrg(db, orgId, (trx) =>
    trx
      .updateTable('integration_deliveries')
      .set({
        status: attempt.status,
        attempts: sql`attempts + 1`,
        response_code: attempt.responseCode,
        response_ms: attempt.responseMs,
        last_error: attempt.error,
        last_attempt_at: sql`now()`,
        updated_at: sql`now()`,
      })
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .execute(),
  );
}

/** The newest deliveries of one integration, newest first. */
export async function listDeliveries(db: Db, orgId: string, integrationId: string, limit = 50) {
  return withOrg(db, orgId, (trx) =>
    trx
      .selectFrom('integration_deliveries')
      .select([
        'id',
        'event_id',
        'event_kind',
        'status',
        'attempts',
        'response_code',
        'response_ms',
        'last_error',
        'redelivery_of',
        'last_attempt_at',
        'created_at',
      ])
      .where('org_id', '=', orgId)
      .where('integration_id', '=', integrationId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute(),
  );
}

/**
 * A new delivery of the same message (same `event_id`, so the receiver can tell it is a
 * repeat) to the same integration; undefined when there is no such delivery.
 */
export async function createRedelivery(
  db: Db,
  orgId: string,
  deliveryId: string,
): Promise<string | undefined> {
  return withOrg(db, orgId, async (trx) => {
    const original = await getDelivery(trx, orgId, deliveryId);
    if (!original) return undefined;
    const [id] = await createDeliveries(trx, orgId, [
      {
        integrationId: original.integration_id,
        eventId: original.event_id,
        eventKind: original.event_kind,
        payload: original.payload,
        redeliveryOf: original.id,
      },
    ]);
    return id;
  });
}

/** The external item a resource of ours is mapped to by one integration. */
export async function findMapping(
  db: Db,
  orgId: string,
  ref: { integrationId: string; resourceType: MappingResourceType; resourceId: string },
) {
  return withOrg(db, orgId, (trx) =>
    trx
      .selectFrom('integration_mappings')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('integration_id', '=', ref.integrationId)
      .where('resource_type', '=', ref.resourceType)
      .where('resource_id', '=', ref.resourceId)
      .executeTakeFirst(),
  );
}

export interface MappingSync {
  integrationId: string;
  resourceType: MappingResourceType;
  resourceId: string;
  externalId: string;
  externalType: string;
  externalUrl: string | null;
  /** What both sides now agree on; the next inbound change is compared with it. */
  syncedState: Record<string, unknown>;
}

/** Records a successful push: the mapping exists and is synced now. */
export async function recordMappingSynced(db: Db, orgId: string, sync: MappingSync): Promise<void> {
  await withOrg(db, orgId, (trx) =>
    trx
      .insertInto('integration_mappings')
      .values({
        id: newId(),
        org_id: orgId,
        integration_id: sync.integrationId,
        resource_type: sync.resourceType,
        resource_id: sync.resourceId,
        external_id: sync.externalId,
        external_type: sync.externalType,
        external_url: sync.externalUrl,
        sync_status: 'synced',
        synced_state: sync.syncedState,
        last_synced_at: sql<Date>`now()`,
      })
      .onConflict((conflict) =>
        conflict.constraint('integration_mappings_resource').doUpdateSet({
          external_id: sync.externalId,
          external_url: sync.externalUrl,
          sync_status: 'synced',
          synced_state: sync.syncedState,
          last_synced_at: sql`now()`,
          last_error: null,
          updated_at: sql`now()`,
        }),
      )
      .execute(),
  );
}

/** The mapping of an external item (e.g. a Jira issue key) within one integration. */
export async function findMappingByExternalId(
  db: Db,
  orgId: string,
  integrationId: string,
  externalId: string,
) {
  return withOrg(db, orgId, (trx) =>
    trx
      .selectFrom('integration_mappings')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('integration_id', '=', integrationId)
      .where('external_id', '=', externalId)
      .executeTakeFirst(),
  );
}

/** Both sides changed since the last sync: shown, never overwritten. */
export async function recordMappingConflict(
  db: Db,
  orgId: string,
  mappingId: string,
  detail: string,
): Promise<void> {
  await withOrg(db, orgId, (trx) =>
    trx
      .updateTable('integration_mappings')
      .set({ sync_status: 'conflict', last_error: detail, updated_at: sql`now()` })
      .where('org_id', '=', orgId)
      .where('id', '=', mappingId)
      .execute(),
  );
}

/**
 * The organisation an integration belongs to, for an inbound webhook that names only the
 * integration (the one cross-tenant read of this module; the caller then works inside it).
 */
export async function findIntegrationOrg(
  db: Db,
  integrationId: string,
): Promise<string | undefined> {
  const row = await withCrossTenant(
    db,
    'inbound integration webhook: resolve organisation',
    (trx) =>
      trx
        .selectFrom('integrations')
        .select('org_id')
        .where('id', '=', integrationId)
        .executeTakeFirst(),
  );
  return row?.org_id;
}

/** Records a failed push of a resource already mapped (a new one has nothing to mark). */
export async function recordMappingFailed(
  db: Db,
  orgId: string,
  ref: { integrationId: string; resourceType: MappingResourceType; resourceId: string },
  error: string,
): Promise<void> {
  await withOrg(db, orgId, (trx) =>
    trx
      .updateTable('integration_mappings')
      .set({ sync_status: 'failed', last_error: error, updated_at: sql`now()` })
      .where('org_id', '=', orgId)
      .where('integration_id', '=', ref.integrationId)
      .where('resource_type', '=', ref.resourceType)
      .where('resource_id', '=', ref.resourceId)
      .execute(),
  );
}

/**
 * Cards of a project whose sync with another tool needs a person: a conflict or a failed push,
 * with the detail (card id → "Jira SPEC-4: moved to review here and …").
 */
export async function listCardSyncIssues(
  db: Db,
  orgId: string,
  projectId: string,
): Promise<Record<string, string>> {
  const rows = await withOrg(db, orgId, (trx) =>
    trx
      .selectFrom('integration_mappings')
      .select(['resource_id', 'external_id', 'sync_status', 'last_error'])
      .where('org_id', '=', orgId)
      .where('resource_type', '=', 'card')
      .where('sync_status', 'in', ['conflict', 'failed'])
      .where(sql<boolean>`synced_state ->> 'projectId' = ${projectId}`)
      .execute(),
  );
  return Object.fromEntries(
    rows.map((r) => [
      r.resource_id,
      `${r.external_id}: ${r.sync_status === 'conflict' ? 'conflict' : 'sync failed'} — ${r.last_error ?? ''}`,
    ]),
  );
}
