import { sql, type Transaction } from 'kysely';
import type { Db } from './client.ts';
import type { Database } from './schema.ts';

async function inTransaction<T>(
  db: Db,
  fn: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  if (db.isTransaction) return fn(db as Transaction<Database>);
  return db.transaction().execute(fn);
}

/**
 * Runs `fn` in a transaction that row-level security scopes to one organisation: every tenant
 * table shows and accepts only rows whose `org_id` is `orgId`. Called inside a transaction, it
 * re-scopes that transaction (the setting is transaction-local either way).
 */
export async function withOrg<T>(
  db: Db,
  orgId: string,
  fn: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  return inTransaction(db, async (trx) => {
    await sql`select set_config('app.org_id', ${orgId}, true), set_config('app.cross_tenant', '', true)`.execute(
      trx,
    );
    return fn(trx);
  });
}

/**
 * Runs `fn` in a transaction that sees every organisation's rows. Only for maintenance that is
 * cross-tenant by nature (compaction sweeps, minute jobs, resolving which organisation owns a
 * document); `reason` names the caller, so each use is visible in review and in
 * `pg_stat_activity` (it is set as `app.cross_tenant_reason`).
 */
export async function withCrossTenant<T>(
  db: Db,
  reason: string,
  fn: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  return inTransaction(db, async (trx) => {
    await sql`select set_config('app.cross_tenant', 'on', true), set_config('app.cross_tenant_reason', ${reason}, true), set_config('app.org_id', '', true)`.execute(
      trx,
    );
    return fn(trx);
  });
}
