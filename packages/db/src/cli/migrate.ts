import { createDb } from '../client.ts';
import { migrateToLatest } from '../migrate.ts';

// `pnpm db:migrate`: applies pending migrations to DATABASE_URL and says what it did.
const url = process.env.DATABASE_URL;
if (!url) {
  process.stderr.write(
    'DATABASE_URL is not set. (Without it the apps use an embedded Postgres that migrates itself.)\n',
  );
  process.exit(1);
}
const db = createDb(url, { max: 1, applicationName: 'specboard-migrate' });
try {
  const applied = await migrateToLatest(db);
  process.stdout.write(
    applied.length > 0 ? `Applied: ${applied.join(', ')}\n` : 'Schema is up to date.\n',
  );
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
