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

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;
const quoteLiteral = (value: string) => `'${value.replaceAll("'", "''")}'`;

/**
 * Creates the login of `appUrl` (default: the local `specboard_app_login`) if missing, as the
 * owner after migrations created `specboard_app`: LOGIN, no BYPASSRLS, member of `specboard_app`,
 * with the URL's password; and lets that role create pg-boss's schema in this database. Roles
 * are per cluster; concurrent callers are fine.
 */
export async function ensureAppLogin(
  ownerUrl: string,
  appUrl: string = appLoginUrl(ownerUrl),
): Promise<void> {
  const login = new URL(appUrl);
  const user = decodeURIComponent(login.username);
  const password = decodeURIComponent(login.password);
  const owner = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  try {
    const existing = await owner`select 1 from pg_roles where rolname = ${user}`;
    if (existing.length === 0) {
      await owner
        .unsafe(
          `create role ${quoteIdent(user)} login nobypassrls password ${quoteLiteral(password)} in role specboard_app`,
        )
        .catch((error: unknown) => {
          // Another process created it meanwhile.
          const code = (error as { code?: string }).code;
          if (code !== '42710' && code !== '23505') throw error;
        });
    }
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
