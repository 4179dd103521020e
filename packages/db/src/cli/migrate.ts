import { ensureAppLogin } from '../app-role.ts';
import { createDb } from '../client.ts';
import { migrateToLatest } from '../migrate.ts';

// `pnpm db:migrate`: applies pending migrations as the tables' owner and says what it did:
// MIGRATION_DATABASE_URL, else DATABASE_URL (where one login is both, e.g. a local superuser).
const url = process.env.MIGRATION_DATABASE_URL || process.env.DATABASE_URL;
if (!url) {
  process.stderr.write(
    'Neither MIGRATION_DATABASE_URL nor DATABASE_URL is set. (Without them the apps use an embedded Postgres that migrates itself.)\n',
  );
  process.exit(1);
}
const db = createDb(url, { max: 1, applicationName: 'specboard-migrate' });
try {
  const applied = await migrateToLatest(db);
  process.stdout.write(
    applied.length > 0 ? `Applied: ${applied.join(', ')}\n` : 'Schema is up to date.\n',
  );
  // With both URLs, DATABASE_URL names the apps' login: create it (member of specboard_app) if missing.
  const appUrl = process.env.DATABASE_URL;
  if (process.env.MIGRATION_DATABASE_URL && appUrl && appUrl !== url) {
    await ensureAppLogin(url, appUrl);
    process.stdout.write(`App login ${new URL(appUrl).username} is a member of specboard_app.\n`);
  }
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
