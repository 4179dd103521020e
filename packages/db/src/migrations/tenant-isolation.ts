import { type Kysely, sql } from 'kysely';

/**
 * Puts a table with an `org_id` column under row-level security: enabled and forced (the table
 * owner obeys it too), with one policy for every command that applies `app_org_visible` (migration
 * 0009) to the row as it is read and as it is written, so a row can neither be seen in nor moved
 * into another organisation. Call it in the migration that creates the table.
 */
export async function enableTenantIsolation(db: Kysely<any>, table: string): Promise<void> {
  const name = sql.table(table);
  await sql`alter table ${name} enable row level security`.execute(db);
  await sql`alter table ${name} force row level security`.execute(db);
  await sql`
    create policy tenant_isolation on ${name}
    using (app_org_visible(org_id))
    with check (app_org_visible(org_id))
  `.execute(db);
}
