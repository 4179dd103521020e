import { type Kysely, sql } from 'kysely';
import { enableTenantIsolation } from './tenant-isolation.ts';

/**
 * Inbound tracker webhooks already received (docs/decisions/016-integrations.md, "Replays"): the
 * sender's delivery id and a digest of the signed body, each unique per integration, so a
 * delivery seen once is refused the second time. Rows older than the freshness window are
 * pruned when the next delivery of the integration arrives (a body that old is refused for its
 * timestamp anyway). A tenant table; its integration is referenced within the organisation.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table integrations add constraint integrations_org_id_id_key unique (org_id, id)`.execute(
    db,
  );
  await sql`
    create table inbound_deliveries (
      id text primary key,
      org_id text not null references organizations(id) on delete cascade,
      integration_id text not null,
      delivery_id text not null,
      body_sha256 text not null,
      sent_at timestamptz not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint inbound_deliveries_integration_fk foreign key (org_id, integration_id)
        references integrations (org_id, id) on delete cascade,
      constraint inbound_deliveries_delivery unique (integration_id, delivery_id),
      constraint inbound_deliveries_body unique (integration_id, body_sha256)
    )
  `.execute(db);
  await sql`create index inbound_deliveries_age_idx on inbound_deliveries (org_id, integration_id, created_at)`.execute(
    db,
  );
  await enableTenantIsolation(db, 'inbound_deliveries');
}
