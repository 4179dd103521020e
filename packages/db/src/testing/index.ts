import { createHash } from 'node:crypto';
import postgres from 'postgres';
import { appLoginUrl, ensureAppLogin } from '../app-role.ts';
import { createDb, type Db } from '../client.ts';
import { newId } from '../ids.ts';
import { migrateToLatest } from '../migrate.ts';
import { migrations } from '../migrations/index.ts';

export interface TestDatabase {
  /**
   * Connection URL of this test file's own database as the apps' login (`specboard_app_login`:
   * not the owner, subject to row-level security), as the apps connect.
   */
  url: string;
  /** The same database as its owner (migrations, fixtures that must bypass row-level security). */
  ownerUrl: string;
  /** Connected to `url`: tests exercise row-level security as the apps do. */
  db: Db;
  /** Connected to `ownerUrl`: for fixtures and checks that must see past row-level security. */
  owner: Db;
  /** Closes connections and drops the database. */
  drop(): Promise<void>;
}

/**
 * A login that may create databases and owns what it migrates: `MIGRATION_DATABASE_URL`, else
 * `DATABASE_URL` (CI gives the superuser there). Tests then connect as the app login derived from it.
 */
function adminUrl(): string {
  const url = process.env.MIGRATION_DATABASE_URL || process.env.DATABASE_URL;
  if (!url) {
    throw new Error(
      'Neither MIGRATION_DATABASE_URL nor DATABASE_URL is set. Run tests through `pnpm test` (it starts an embedded Postgres when none is given).',
    );
  }
  return url;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Changes whenever a migration is added or its code differs, so stale templates are not reused. */
function templateName(): string {
  const hash = createHash('sha256');
  for (const [name, migration] of Object.entries(migrations)) {
    hash.update(name).update(migration.up.toString());
  }
  return `specboard_tpl_${hash.digest('hex').slice(0, 16)}`;
}

async function ensureTemplate(admin: postgres.Sql, base: string, template: string): Promise<void> {
  const exists = await admin`select 1 from pg_database where datname = ${template}`;
  if (exists.length > 0) return;
  // Build under a temporary name and rename, so a crash never leaves a half-migrated template.
  const building = `${template}_b${process.pid}`;
  await admin.unsafe(`drop database if exists "${building}"`);
  await admin.unsafe(`create database "${building}"`);
  const db = createDb(withDatabase(base, building), { max: 1 });
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
  await admin.unsafe(`alter database "${building}" rename to "${template}"`);
}

const POOL_CLOSE_MS = 10_000;

/** Waits for `closing` at most `ms`; says on stderr which pool was left to the forced drop. */
async function closeWithin(ms: number, what: string, closing: Promise<void>): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), ms);
  });
  const outcome = await Promise.race([closing.then(() => 'closed' as const), late]);
  clearTimeout(timer);
  if (outcome === 'late') {
    process.stderr.write(`test database: ${what} did not close within ${ms} ms; dropping anyway\n`);
  }
}

/**
 * A fresh, migrated database for one test file, cloned from a template that is built once per
 * migration set. Safe to call from many processes at once.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const base = adminUrl();
  const template = templateName();
  const name = `specboard_test_${newId().toLowerCase()}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  try {
    await admin`select pg_advisory_lock(hashtext('specboard-test-template'))`;
    try {
      await ensureTemplate(admin, base, template);
      await admin.unsafe(`create database "${name}" template "${template}"`);
    } finally {
      await admin`select pg_advisory_unlock(hashtext('specboard-test-template'))`;
    }
  } finally {
    await admin.end();
  }
  const ownerUrl = withDatabase(base, name);
  await ensureAppLogin(ownerUrl);
  const url = appLoginUrl(ownerUrl);
  const db = createDb(url, { max: 5, applicationName: 'specboard-test' });
  const owner = createDb(ownerUrl, { max: 2, applicationName: 'specboard-test-owner' });
  return {
    url,
    ownerUrl,
    db,
    owner,
    drop: async () => {
      // A pool still waiting on a query must not hold the test run: the forced drop below
      // terminates whatever connections are left, so waiting is bounded.
      await closeWithin(POOL_CLOSE_MS, 'the test pool', db.destroy());
      await closeWithin(POOL_CLOSE_MS, 'the owner pool', owner.destroy());
      const cleanup = postgres(base, { max: 1, onnotice: () => {} });
      try {
        await cleanup.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}

export { mentionListenerConnected } from './listeners.ts';
export { createTenant, type Tenant } from './tenant.ts';
