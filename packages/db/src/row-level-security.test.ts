import { sql, type Transaction } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appLoginUrl, ensureAppLogin } from './app-role.ts';
import { createDb, type Db } from './client.ts';
import { newId } from './ids.ts';
import { withOrg } from './org-scope.ts';
import { provisionDatabase } from './provision.ts';
import type { Database } from './schema.ts';
import { seedEveryTenantTable } from './testing/every-table.ts';
import { createTestDatabase, type TestDatabase } from './testing/index.ts';

/**
 * Tables without `org_id`, so without row-level security, and why. Any other table must have
 * `org_id`: a new table that is neither fails below.
 */
const EXEMPT: Record<string, string> = {
  users: 'global identity: a person belongs to several organisations',
  sessions: 'global identity: the auth library reads them by token before any org is known',
  accounts: 'global identity (credentials), read by the auth library by user',
  verifications: 'global: e-mail verification tokens, read by the auth library by token',
  organizations:
    "the auth library lists a user's organisations through its own adapter, which cannot set a per-transaction org",
  members:
    'read across organisations by the auth library (a user’s memberships); guarded by its checks',
  invitations: 'read by id by the auth library when a user accepts, before the org is known',
  revocations: 'every sync instance loads all of them at start (scope ids, no tenant data)',
  dev_outbox: 'development mail, not tenant data; absent from production use',
  ai_price_defaults:
    'list prices of public models, the same for every organisation (its own prices are ai_model_prices)',
  notification_preferences:
    "a person's own choice per kind, the same in every organisation; read and written by their id only",
  kysely_migration: 'migration bookkeeping',
  kysely_migration_lock: 'migration bookkeeping',
};

let test: TestDatabase;
let owner: Db;
let app: Db;
let tables: string[];
const orgA = newId();
const orgB = newId();

beforeAll(async () => {
  test = await createTestDatabase();
  owner = createDb(test.ownerUrl, { max: 1 });
  await ensureAppLogin(test.ownerUrl);
  app = createDb(appLoginUrl(test.ownerUrl), { max: 2 });
  await seedEveryTenantTable(owner, orgA);
  await seedEveryTenantTable(owner, orgB);
  const { rows } = await sql<{ table_name: string }>`
    select distinct table_name from information_schema.columns
    where table_schema = 'public' and column_name = 'org_id' order by table_name`.execute(owner);
  tables = rows.map((r) => r.table_name);
});
afterAll(async () => {
  await app?.destroy();
  await owner?.destroy();
  await test?.drop();
});

async function count(
  db: Db | Transaction<Database>,
  table: string,
  orgId: string,
): Promise<number> {
  const { rows } = await sql<{ n: string }>`
    select count(*) as n from ${sql.table(table)} where org_id = ${orgId}`.execute(db);
  return Number(rows[0]?.n);
}

describe('row-level security, generated from the schema', () => {
  it('every table has org_id or a reason to be exempt', async () => {
    const { rows } = await sql<{ relname: string }>`
      select relname from pg_class
      where relnamespace = 'public'::regnamespace and relkind = 'r'`.execute(owner);
    const unexplained = rows
      .map((r) => r.relname)
      .filter((name) => !tables.includes(name) && !(name in EXEMPT));
    expect(unexplained).toEqual([]);
    expect(tables.filter((name) => name in EXEMPT)).toEqual([]);
  });

  it('every tenant table has row-level security enabled, forced and a policy', async () => {
    const { rows } = await sql<{
      relname: string;
      enabled: boolean;
      forced: boolean;
      policies: string;
    }>`
      select c.relname, c.relrowsecurity as enabled, c.relforcerowsecurity as forced,
        (select count(*) from pg_policy p where p.polrelid = c.oid) as policies
      from pg_class c where c.relnamespace = 'public'::regnamespace and c.relname = any(${tables})`.execute(
      owner,
    );
    const weak = rows.filter((r) => !r.enabled || !r.forced || Number(r.policies) === 0);
    expect(weak.map((r) => r.relname)).toEqual([]);
    expect(rows).toHaveLength(tables.length);
  });

  it('the apps’ login is not the owner and cannot bypass row-level security', async () => {
    const { rows } = await sql<{ user: string; bypass: boolean; owns: string }>`
      select current_user as user, r.rolbypassrls or r.rolsuper as bypass,
        (select count(*) from pg_class c where c.relowner = r.oid) as owns
      from pg_roles r where r.rolname = current_user`.execute(app);
    expect(rows[0]).toEqual({ user: 'specboard_app_login', bypass: false, owns: '0' });
  });

  it('the seed gives both organisations a row in every tenant table', async () => {
    const empty = [];
    for (const table of tables) {
      if ((await count(owner, table, orgB)) === 0) empty.push(table);
    }
    expect(empty).toEqual([]);
  });

  it('scoped to org A, every table shows A and nothing of B', async () => {
    for (const table of tables) {
      const seen = await withOrg(app, orgA, async (trx) => ({
        table,
        own: await count(trx, table, orgA),
        other: await count(trx, table, orgB),
      }));
      expect({ table, other: seen.other, ownVisible: seen.own > 0 }).toEqual({
        table,
        other: 0,
        ownVisible: true,
      });
    }
  });

  it('scoped to org A, updates and deletes of B rows touch nothing', async () => {
    for (const table of tables) {
      const changed = await withOrg(app, orgA, async (trx) => {
        const updated =
          await sql`update ${sql.table(table)} set org_id = org_id where org_id = ${orgB}`.execute(
            trx,
          );
        const deleted = await sql`delete from ${sql.table(table)} where org_id = ${orgB}`.execute(
          trx,
        );
        return {
          table,
          updated: Number(updated.numAffectedRows),
          deleted: Number(deleted.numAffectedRows),
        };
      });
      expect(changed).toEqual({ table, updated: 0, deleted: 0 });
      expect(await count(owner, table, orgB)).toBeGreaterThan(0);
    }
  });

  it('scoped to org A, inserting a row of org B is refused', async () => {
    for (const table of tables) {
      const { rows: columns } = await sql<{ column_name: string }>`
        select column_name from information_schema.columns
        where table_schema = 'public' and table_name = ${table} and is_generated = 'NEVER'`.execute(
        owner,
      );
      const list = sql.join(columns.map((c) => sql.ref(c.column_name)));
      const { rows } = await sql<{ row: Record<string, unknown> }>`
        select to_jsonb(t) as row from ${sql.table(table)} t where org_id = ${orgB} limit 1`.execute(
        owner,
      );
      const insert = withOrg(app, orgA, (trx) =>
        sql`insert into ${sql.table(table)} (${list})
          select ${list} from jsonb_populate_record(null::${sql.table(table)}, ${rows[0]?.row})`.execute(
          trx,
        ),
      );
      await expect(insert, table).rejects.toThrow(/row-level security/);
    }
  });

  it('with no organisation set, nothing is visible', async () => {
    for (const table of tables) {
      const { rows } = await sql<{
        n: string;
      }>`select count(*) as n from ${sql.table(table)}`.execute(app);
      expect({ table, n: Number(rows[0]?.n) }).toEqual({ table, n: 0 });
    }
  });

  it('built-in templates are readable by every organisation and writable by none', async () => {
    await owner
      .insertInto('templates')
      .values({ id: newId(), org_id: null, kind: 'tech', name: 'Built-in', structure: {} })
      .execute();
    const result = await withOrg(app, orgA, async (trx) => {
      const visible = await trx
        .selectFrom('templates')
        .select('name')
        .where('org_id', 'is', null)
        .execute();
      const updated = await trx
        .updateTable('templates')
        .set({ name: 'Mine' })
        .where('org_id', 'is', null)
        .executeTakeFirst();
      return { visible: visible.map((r) => r.name), updated: Number(updated.numUpdatedRows) };
    });
    expect(result).toEqual({ visible: ['Built-in'], updated: 0 });
  });

  it('a row cannot point at another organisation’s row (composite foreign keys)', async () => {
    const projectOfB = await owner
      .selectFrom('projects')
      .select('id')
      .where('org_id', '=', orgB)
      .executeTakeFirstOrThrow();
    const crossing = owner
      .insertInto('documents')
      .values({ id: newId(), org_id: orgA, project_id: projectOfB.id, type: 'notes', title: 'X' })
      .execute();
    await expect(crossing).rejects.toThrow(/documents_project_id_org_fk/);
  });

  it('the apps start only on a login row-level security holds for', async () => {
    const dataDir = 'unused: an external database is given';
    await expect(provisionDatabase({ databaseUrl: test.ownerUrl, dataDir })).rejects.toThrow(
      /bypasses row-level security/,
    );
    const provisioned = await provisionDatabase({ databaseUrl: test.url, dataDir });
    expect(provisioned.url).toBe(test.url);
  });
});
