import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertSchemaCurrent, migrateToLatest, schemaStatus } from './migrate.ts';
import { migrations } from './migrations/index.ts';
import { createTestDatabase, type TestDatabase } from './testing/index.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

describe('migrations', () => {
  it('have all run on a fresh database, and re-running them is a no-op', async () => {
    expect(await schemaStatus(t.db)).toEqual({ pending: [], unknown: [] });
    expect(await migrateToLatest(t.db)).toEqual([]);
    await expect(assertSchemaCurrent(t.db)).resolves.toBeUndefined();
  });

  it('refuse a database migrated by newer code, naming what is unknown', async () => {
    // Only the owner may write the migration tables (the apps' login reads them).
    await sql`insert into kysely_migration (name, timestamp) values ('2099_01_01_0001_future', now()::text)`.execute(
      t.owner,
    );
    try {
      await expect(assertSchemaCurrent(t.db)).rejects.toThrow(/2099_01_01_0001_future/);
      await expect(migrateToLatest(t.owner)).rejects.toThrow(/newer Specboard|missing/);
    } finally {
      await sql`delete from kysely_migration where name = '2099_01_01_0001_future'`.execute(
        t.owner,
      );
    }
  });

  it('creates every table of the relational model and the Yjs log', async () => {
    const tables = (await t.db.introspection.getTables()).map((table) => table.name).sort();
    expect(tables).toEqual(
      expect.arrayContaining([
        'activity_log',
        'ai_suggestions',
        'doc_snapshots',
        'doc_updates',
        'document_versions',
        'documents',
        'epics',
        'invitations',
        'members',
        'model_stats',
        'organizations',
        'plan_run_steps',
        'plan_runs',
        'presence',
        'projects',
        'sessions',
        'stories',
        'tasks',
        'templates',
        'users',
      ]),
    );
    expect(Object.keys(migrations).length).toBeGreaterThan(0);
  });

  it('has the unique constraints and indexes of the relational model', async () => {
    const { rows } = await sql<{ indexname: string; indexdef: string }>`
      select indexname, indexdef from pg_indexes where schemaname = 'public'`.execute(t.db);
    const byName = new Map(rows.map((r) => [r.indexname, r.indexdef]));
    expect(byName.get('document_versions_document_number_key')).toMatch(
      /UNIQUE.*\(document_id, number\)/,
    );
    expect(byName.get('plan_run_steps_run_step_variant_key')).toMatch(
      /UNIQUE.*\(plan_run_id, step, variant\)/,
    );
    expect(byName.get('documents_project_generated_type_key')).toMatch(
      /UNIQUE.*\(project_id, type\).*WHERE/,
    );
    expect(byName.get('tasks_project_status_order_idx')).toMatch(
      /\(project_id, status, board_order\)/,
    );
    expect(byName.get('document_versions_search_idx')).toMatch(/USING gin \(search\)/);
    expect(byName.get('tasks_search_idx')).toMatch(/USING gin \(search\)/);
    const tenantTables = [
      'projects',
      'documents',
      'document_versions',
      'plan_runs',
      'plan_run_steps',
      'ai_suggestions',
      'epics',
      'stories',
      'tasks',
      'templates',
      'model_stats',
    ];
    for (const table of tenantTables) expect(byName.has(`${table}_org_id_idx`), table).toBe(true);
  });

  it('allows one live PRD per project but any number of notes', async () => {
    const { createTenant } = await import('./testing/index.ts');
    const { createDocument, softDeleteDocument } = await import('./documents.ts');
    const tenant = await createTenant(t.db);
    const input = { orgId: tenant.orgId, projectId: tenant.projectId, createdBy: tenant.userId };
    const prd = await createDocument(t.db, { ...input, type: 'prd', title: 'PRD' });
    await expect(
      createDocument(t.db, { ...input, type: 'prd', title: 'PRD again' }),
    ).rejects.toThrow(/documents_project_generated_type_key/);
    await createDocument(t.db, { ...input, type: 'notes', title: 'Notes 1' });
    await createDocument(t.db, { ...input, type: 'notes', title: 'Notes 2' });
    if (!prd) throw new Error('not created');
    await softDeleteDocument(t.db, tenant.orgId, prd.id);
    await expect(
      createDocument(t.db, { ...input, type: 'prd', title: 'New PRD' }),
    ).resolves.toBeDefined();
  });
});
