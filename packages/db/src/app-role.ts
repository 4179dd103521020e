import postgres from 'postgres';

/**
 * The login the apps use where Specboard provisions its own database (embedded Postgres in
 * development, test databases): a member of the `specboard_app` group role that migration 0010
 * creates, so it gets that role's table privileges and is subject to row-level security.
 * Production creates its own login (any name) with `grant specboard_app to …` and puts it in
 * `DATABASE_URL` (docs/decisions/011-row-level-security.md).
 */
export const APP_LOGIN = 'specboard_app_login';

/**
 * Its password on those local clusters only (they listen on 127.0.0.1, like the embedded
 * cluster's `postgres`/`postgres` owner); a real deployment never uses this login.
 */
const LOCAL_APP_PASSWORD = 'specboard_app';

/** The owner's URL with the app login's credentials instead (same host, port and database). */
export function appLoginUrl(ownerUrl: string): string {
  const url = new URL(ownerUrl);
  url.username = APP_LOGIN;
  url.password = LOCAL_APP_PASSWORD;
  return url.toString();
}

/**
 * Creates the app login if missing (as the owner, after migrations created `specboard_app`):
 * LOGIN, no BYPASSRLS, member of `specboard_app`; and lets that role create pg-boss's schema in
 * this database. Roles are per cluster; concurrent callers are fine.
 */
export async function ensureAppLogin(ownerUrl: string): Promise<void> {
  const owner = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  try {
    await owner.unsafe(`
      do $$ begin
        if not exists (select from pg_roles where rolname = '${APP_LOGIN}') then
          create role ${APP_LOGIN} login nobypassrls password '${LOCAL_APP_PASSWORD}' in role specboard_app;
        end if;
      exception when duplicate_object or unique_violation then null;
      end $$`);
    // Migration 0010 grants this too, but a database cloned from a template (tests) starts
    // without the template's database-level grants.
    await owner.unsafe(`
      do $$ begin
        execute format('grant create on database %I to specboard_app', current_database());
      end $$`);
  } finally {
    await owner.end();
  }
}
