import { sql } from 'kysely';
import { type MigrationResultSet, Migrator } from 'kysely/migration';
import type { Db } from './client.ts';
import { migrations } from './migrations/index.ts';

function migratorFor(db: Db): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
}

export class MigrationError extends Error {
  readonly migration: string | undefined;
  constructor(message: string, migration: string | undefined, cause: unknown) {
    super(message, { cause });
    this.name = 'MigrationError';
    this.migration = migration;
  }
}

/**
 * Applies every pending migration. Re-running is a no-op. Refuses a database that has run
 * migrations this code does not know (it was migrated by newer code), and names the migration
 * that failed and why.
 */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const result: MigrationResultSet = await migratorFor(db).migrateToLatest();
  const failed = result.results?.find((r) => r.status === 'Error');
  if (result.error !== undefined) {
    const reason = result.error instanceof Error ? result.error.message : String(result.error);
    if (failed) {
      throw new MigrationError(
        `Migration ${failed.migrationName} failed: ${reason}`,
        failed.migrationName,
        result.error,
      );
    }
    throw new MigrationError(
      `Migrations cannot run: ${reason}. Is this database migrated by a newer Specboard?`,
      undefined,
      result.error,
    );
  }
  return (result.results ?? []).map((r) => r.migrationName);
}

export interface SchemaStatus {
  pending: string[];
  unknown: string[];
}

/** Which known migrations have not run, and which ran migrations this code does not know. */
export async function schemaStatus(db: Db): Promise<SchemaStatus> {
  const known = await migratorFor(db).getMigrations();
  const pending = known.filter((m) => m.executedAt === undefined).map((m) => m.name);
  const executed = await listExecutedMigrations(db);
  const unknown = executed.filter((name) => !(name in migrations));
  return { pending, unknown };
}

async function listExecutedMigrations(db: Db): Promise<string[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((t) => t.name === 'kysely_migration')) return [];
  const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
  return rows.map((r) => r.name);
}

/** Throws a readable error naming `pnpm db:migrate` when the schema is not exactly current. */
export async function assertSchemaCurrent(db: Db): Promise<void> {
  const { pending, unknown } = await schemaStatus(db);
  if (unknown.length > 0) {
    throw new Error(
      `The database has migrations this build does not know (${unknown.join(', ')}); deploy the newer code.`,
    );
  }
  if (pending.length > 0) {
    throw new Error(
      `The database schema is behind (${pending.length} pending: ${pending.join(', ')}). Run \`pnpm db:migrate\` first.`,
    );
  }
}
