import { appLoginUrl, createDb, ensureAppLogin, migrateToLatest } from '@specboard/db';

/**
 * With an external database (`DATABASE_URL` set): migrates it as the owner
 * (`MIGRATION_DATABASE_URL`, else `DATABASE_URL`) and returns the URL the apps connect with. When
 * only `DATABASE_URL` is given it is a local owner (e.g. the postgres superuser), so the apps get
 * the app login derived from it, as the tests do; with both, `DATABASE_URL` is the apps' own.
 * Undefined without `DATABASE_URL` (the embedded Postgres is provisioned instead).
 */
export async function prepareExternalDatabase(): Promise<string | undefined> {
  const appUrl = process.env.DATABASE_URL;
  if (!appUrl) return undefined;
  const ownerUrl = process.env.MIGRATION_DATABASE_URL || appUrl;
  const db = createDb(ownerUrl, { max: 1 });
  try {
    await migrateToLatest(db);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `could not migrate the database at MIGRATION_DATABASE_URL / DATABASE_URL: ${reason}`,
    );
  } finally {
    await db.destroy();
  }
  if (process.env.MIGRATION_DATABASE_URL) return appUrl;
  await ensureAppLogin(ownerUrl);
  return appLoginUrl(ownerUrl);
}
