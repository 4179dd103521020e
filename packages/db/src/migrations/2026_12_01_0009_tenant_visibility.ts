import { type Kysely, sql } from 'kysely';

/**
 * The one rule row-level security applies to every tenant table (see `tenant-isolation.ts`): a
 * row is visible when its `org_id` is the organisation the transaction declared with
 * `app.org_id` (`withOrg` in `org-scope.ts`), or when the transaction declared itself
 * cross-tenant maintenance with `app.cross_tenant` (`withCrossTenant`). With neither set, nothing
 * is visible. A SQL function so the rule lives in one place; `stable` and plain SQL let the
 * planner inline it into each policy.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function app_org_visible(row_org_id text) returns boolean
    language sql stable
    as $$
      select row_org_id = current_setting('app.org_id', true)
        or coalesce(current_setting('app.cross_tenant', true), '') = 'on'
    $$
  `.execute(db);
}
