import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCrossTenant, withOrg } from './org-scope.ts';
import { createTestDatabase, type TestDatabase } from './testing/index.ts';

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(async () => {
  await test.drop();
});

async function settings(run: typeof withOrg | typeof withCrossTenant, key: string) {
  return run(test.db, key, async (trx) => {
    const { rows } = await sql<{ org: string | null; cross: string | null }>`
      select current_setting('app.org_id', true) as org,
             current_setting('app.cross_tenant', true) as cross`.execute(trx);
    return rows[0];
  });
}

describe('org scope', () => {
  it('declares the organisation for the transaction only', async () => {
    expect(await settings(withOrg, 'org-a')).toEqual({ org: 'org-a', cross: '' });
    const { rows } = await sql<{ org: string | null }>`
      select current_setting('app.org_id', true) as org`.execute(test.db);
    expect(rows[0]?.org ?? '').toBe('');
  });

  it('cross-tenant maintenance clears any organisation and names itself', async () => {
    expect(await settings(withCrossTenant, 'compaction sweep')).toEqual({ org: '', cross: 'on' });
  });

  it('a nested scope re-scopes the surrounding transaction', async () => {
    const seen = await withCrossTenant(test.db, 'test', (trx) =>
      withOrg(trx, 'org-b', async (inner) => {
        const { rows } = await sql<{ org: string }>`
          select current_setting('app.org_id', true) as org`.execute(inner);
        return rows[0]?.org;
      }),
    );
    expect(seen).toBe('org-b');
  });
});
