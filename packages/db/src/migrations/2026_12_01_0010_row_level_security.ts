import { type Kysely, sql } from 'kysely';
import { enableTenantIsolation } from './tenant-isolation.ts';

/**
 * Row-level security on every tenant table (docs/decisions/011-row-level-security.md).
 *
 * 1. The group role `specboard_app`: no login, no BYPASSRLS, DML on every table and sequence,
 *    now and (default privileges) for tables later migrations create, and CREATE on the database
 *    for pg-boss's own schema. Apps log in as a member
 *    of it (provisioning creates the login); the owner that runs migrations stays out of their
 *    reach.
 * 2. The Yjs tables get `org_id`, backfilled from the doc name's owner; rows no document or
 *    project owns are deleted (nothing can serve them: tokens are minted for existing documents
 *    only, and purging a document deletes its rows). New rows default to the transaction's
 *    organisation, so the append path writes no extra column and RLS checks it.
 * 3. RLS enabled and forced on every table with `org_id`; built-in templates (`org_id is null`)
 *    are readable by every organisation and writable only by cross-tenant maintenance.
 * 4. Composite foreign keys `(org_id, …) → (org_id, id)`, so no row points into another
 *    organisation.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await createAppRole(db);
  await addYjsOrg(db);
  for (const table of TENANT_TABLES) await enableTenantIsolation(db, table);
  await sql`create policy builtin_templates_readable on templates for select
    using (org_id is null)`.execute(db);
  await addCompositeForeignKeys(db);
}

const TENANT_TABLES = [
  'projects',
  'documents',
  'document_versions',
  'plan_runs',
  'plan_run_steps',
  'ai_suggestions',
  'epics',
  'stories',
  'tasks',
  'templates',
  'activity_log',
  'model_stats',
  'doc_updates',
  'doc_snapshots',
  'doc_activity',
  'presence',
];

async function createAppRole(db: Kysely<any>): Promise<void> {
  // Roles are per cluster: another database of the same cluster may have created it already,
  // possibly at the same moment (parallel test templates), hence the duplicate_object guard.
  await sql`
    do $$ begin
      if not exists (select from pg_roles where rolname = 'specboard_app') then
        create role specboard_app nologin nobypassrls;
      end if;
    exception when duplicate_object or unique_violation then null;
    end $$
  `.execute(db);
  await sql`grant usage on schema public to specboard_app`.execute(db);
  // pg-boss creates and migrates its own schema (queues, not tenant data) as the worker's login.
  await sql`
    do $$ begin
      execute format('grant create on database %I to specboard_app', current_database());
    end $$
  `.execute(db);
  await sql`grant select, insert, update, delete on all tables in schema public to specboard_app`.execute(
    db,
  );
  await sql`grant usage, select on all sequences in schema public to specboard_app`.execute(db);
  // The apps read the migration bookkeeping (to refuse a schema that is behind), never write it.
  await sql`revoke insert, update, delete on kysely_migration, kysely_migration_lock
    from specboard_app`.execute(db);
  await sql`alter default privileges in schema public
    grant select, insert, update, delete on tables to specboard_app`.execute(db);
  await sql`alter default privileges in schema public
    grant usage, select on sequences to specboard_app`.execute(db);
}

async function addYjsOrg(db: Kysely<any>): Promise<void> {
  const owner = sql`case
      when doc_name like 'doc:%' then (select d.org_id from documents d where d.id = substr(doc_name, 5))
      when doc_name like 'comments:%' then (select d.org_id from documents d where d.id = substr(doc_name, 10))
      when doc_name like 'board:%' then (select p.org_id from projects p where p.id = substr(doc_name, 7))
    end`;
  for (const table of ['doc_updates', 'doc_snapshots', 'doc_activity', 'presence']) {
    const name = sql.table(table);
    await sql`alter table ${name} add column org_id text`.execute(db);
    await sql`update ${name} set org_id = ${owner}`.execute(db);
    await sql`delete from ${name} where org_id is null`.execute(db);
    await sql`alter table ${name} alter column org_id set not null,
      alter column org_id set default nullif(current_setting('app.org_id', true), '')`.execute(db);
    await sql`create index ${sql.id(`${table}_org_id_idx`)} on ${name} (org_id)`.execute(db);
  }
}

/** child table, its column, parent table; `on delete cascade` where the single-column FK had it. */
const TENANT_REFERENCES: [string, string, string, 'cascade' | null][] = [
  ['documents', 'project_id', 'projects', null],
  ['documents', 'current_version_id', 'document_versions', null],
  ['plan_runs', 'project_id', 'projects', null],
  ['document_versions', 'document_id', 'documents', null],
  ['document_versions', 'plan_run_id', 'plan_runs', null],
  ['plan_run_steps', 'plan_run_id', 'plan_runs', 'cascade'],
  ['ai_suggestions', 'document_id', 'documents', null],
  ['ai_suggestions', 'plan_run_step_id', 'plan_run_steps', null],
  ['epics', 'project_id', 'projects', null],
  ['epics', 'source_version_id', 'document_versions', null],
  ['stories', 'project_id', 'projects', null],
  ['stories', 'epic_id', 'epics', null],
  ['stories', 'source_version_id', 'document_versions', null],
  ['tasks', 'project_id', 'projects', null],
  ['tasks', 'epic_id', 'epics', null],
  ['tasks', 'story_id', 'stories', null],
  ['tasks', 'source_version_id', 'document_versions', null],
];

async function addCompositeForeignKeys(db: Kysely<any>): Promise<void> {
  const parents = new Set(TENANT_REFERENCES.map(([, , parent]) => parent));
  for (const parent of parents) {
    await sql`alter table ${sql.table(parent)} add constraint ${sql.id(`${parent}_org_id_id_key`)}
      unique (org_id, id)`.execute(db);
  }
  for (const [child, column, parent, onDelete] of TENANT_REFERENCES) {
    // Replaces the single-column key: the composite one implies it.
    const { rows } = await sql<{ conname: string }>`
      select c.conname from pg_constraint c
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any(c.conkey)
      where c.contype = 'f' and c.conrelid = ${child}::regclass
        and cardinality(c.conkey) = 1 and a.attname = ${column}`.execute(db);
    for (const { conname } of rows) {
      await sql`alter table ${sql.table(child)} drop constraint ${sql.id(conname)}`.execute(db);
    }
    const cascade = onDelete === 'cascade' ? sql`on delete cascade` : sql``;
    await sql`alter table ${sql.table(child)} add constraint ${sql.id(`${child}_${column}_org_fk`)}
      foreign key (org_id, ${sql.ref(column)}) references ${sql.table(parent)} (org_id, id)
      ${cascade}`.execute(db);
  }
}
