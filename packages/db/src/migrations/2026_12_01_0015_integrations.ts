import { type Kysely, sql } from 'kysely';
import { enableTenantIsolation } from './tenant-isolation.ts';

/**
 * Integrations per organisation (docs/decisions/016-integrations.md): the connections
 * themselves (credentials sealed with AES-256-GCM by the app, never readable here), the mapping
 * of our cards, documents and versions to items in the other tool, and the log of outgoing
 * deliveries. All three are tenant tables under row-level security.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table integrations (
      id text primary key,
      org_id text not null references organizations(id) on delete cascade,
      kind text not null check (kind in ('webhook', 'jira', 'github', 'slack', 'mattermost', 'teams', 'confluence')),
      name text not null,
      config jsonb not null default '{}',
      secret_sealed text not null,
      status text not null default 'active' check (status in ('active', 'paused')),
      created_by text references users(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )
  `.execute(db);
  await sql`create index integrations_org_idx on integrations (org_id, kind)`.execute(db);
  await enableTenantIsolation(db, 'integrations');

  await sql`
    create table integration_mappings (
      id text primary key,
      org_id text not null references organizations(id) on delete cascade,
      integration_id text not null references integrations(id) on delete cascade,
      resource_type text not null check (resource_type in ('card', 'document', 'version')),
      resource_id text not null,
      external_id text not null,
      external_type text not null,
      external_url text,
      sync_status text not null default 'pending' check (sync_status in ('pending', 'synced', 'failed', 'conflict')),
      last_synced_at timestamptz,
      synced_state jsonb not null default '{}',
      last_error text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint integration_mappings_resource unique (integration_id, resource_type, resource_id)
    )
  `.execute(db);
  await sql`create index integration_mappings_org_idx on integration_mappings (org_id)`.execute(db);
  await sql`
    create index integration_mappings_external_idx on integration_mappings (integration_id, external_id)
  `.execute(db);
  await enableTenantIsolation(db, 'integration_mappings');

  await sql`
    create table integration_deliveries (
      id text primary key,
      org_id text not null references organizations(id) on delete cascade,
      integration_id text not null references integrations(id) on delete cascade,
      event_id text not null,
      event_kind text not null,
      payload jsonb not null,
      status text not null default 'pending' check (status in ('pending', 'succeeded', 'failed', 'skipped')),
      attempts integer not null default 0,
      response_code integer,
      response_ms integer,
      last_error text,
      redelivery_of text references integration_deliveries(id) on delete set null,
      last_attempt_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )
  `.execute(db);
  await sql`
    create index integration_deliveries_log_idx on integration_deliveries (org_id, integration_id, created_at desc)
  `.execute(db);
  await enableTenantIsolation(db, 'integration_deliveries');
}
