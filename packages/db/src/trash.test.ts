import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendDocUpdates } from './doc-log.ts';
import {
  createDocument,
  findDocument,
  getDocument,
  listDeletedDocuments,
  purgeDeletedDocument,
  renameDocument,
  restoreDocument,
  softDeleteDocument,
} from './documents.ts';
import { newId } from './ids.ts';
import { withOrg } from './org-scope.ts';
import {
  archiveProject,
  listArchivedProjects,
  purgeArchivedProject,
  restoreProject,
} from './projects.ts';
import { searchOrganization } from './search.ts';
import {
  createTenant,
  createTestDatabase,
  type Tenant,
  type TestDatabase,
} from './testing/index.ts';
import { createVersion } from './versions.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

async function documentWithVersion(tenant: Tenant, type: 'prd' | 'notes' = 'notes') {
  const document = await createDocument(t.db, {
    orgId: tenant.orgId,
    projectId: tenant.projectId,
    type,
    title: 'Checkout',
    createdBy: tenant.userId,
  });
  if (!document) throw new Error('document not created');
  const version = await createVersion(t.db, {
    orgId: tenant.orgId,
    documentId: document.id,
    trigger: 'manual',
    yState: new Uint8Array([1]),
    contentJson: { type: 'doc', content: [] },
    contentMd: 'Checkout flow for returning customers',
    createdBy: tenant.userId,
  });
  if (!version) throw new Error('version not created');
  await appendDocUpdates(t.db, tenant.orgId, [
    { docName: `doc:${document.id}`, update: new Uint8Array([1, 2]), origin: 'test' },
  ]);
  const taskId = newId();
  await t.owner
    .insertInto('tasks')
    .values({
      id: taskId,
      org_id: tenant.orgId,
      project_id: tenant.projectId,
      title: 'Checkout button',
      status: 'todo',
      board_order: 'a0',
      labels: [],
      depends_on: [],
      acceptance_criteria: [],
      source_version_id: version.id,
    })
    .execute();
  return { document, version, taskId };
}

const count = async (table: 'document_versions' | 'doc_updates' | 'documents', where: string) => {
  const column =
    table === 'doc_updates' ? 'doc_name' : table === 'documents' ? 'id' : 'document_id';
  const row = await t.owner
    .selectFrom(table)
    .select(sql<number>`count(*)::int`.as('n'))
    .where(column, '=', where)
    .executeTakeFirstOrThrow();
  return row.n;
};

describe('the trash', () => {
  it('documents of an archived project cannot be changed, and leave search, until restored', async () => {
    const tenant = await createTenant(t.db);
    const { document } = await documentWithVersion(tenant);
    expect(await searchOrganization(t.db, tenant.orgId, 'checkout')).toHaveLength(2);

    await archiveProject(t.db, tenant.orgId, tenant.projectId);
    expect(await getDocument(t.db, tenant.orgId, document.id)).toBeUndefined();
    expect(await findDocument(t.db, tenant.orgId, document.id)).toMatchObject({
      project_archived: true,
    });
    expect(await renameDocument(t.db, tenant.orgId, document.id, 'X')).toBeUndefined();
    expect(await softDeleteDocument(t.db, tenant.orgId, document.id)).toBeUndefined();
    expect(await searchOrganization(t.db, tenant.orgId, 'checkout')).toEqual([]);
    expect(await listArchivedProjects(t.db, tenant.orgId)).toMatchObject([
      { id: tenant.projectId, document_count: 1 },
    ]);

    expect(await restoreProject(t.db, tenant.orgId, tenant.projectId)).toBeDefined();
    expect(await getDocument(t.db, tenant.orgId, document.id)).toBeDefined();
    expect(await searchOrganization(t.db, tenant.orgId, 'checkout')).toHaveLength(2);
    expect(await listArchivedProjects(t.db, tenant.orgId)).toEqual([]);
  });

  it('restoring a deleted PRD is refused while the project has another live one', async () => {
    const tenant = await createTenant(t.db);
    const { document } = await documentWithVersion(tenant, 'prd');
    await softDeleteDocument(t.db, tenant.orgId, document.id);
    expect(await listDeletedDocuments(t.db, tenant.orgId)).toMatchObject([{ id: document.id }]);
    const second = await createDocument(t.db, {
      orgId: tenant.orgId,
      projectId: tenant.projectId,
      type: 'prd',
      title: 'PRD again',
      createdBy: tenant.userId,
    });
    expect(second).toBeDefined();
    expect(await restoreDocument(t.db, tenant.orgId, document.id)).toEqual({
      ok: false,
      reason: 'type-taken',
    });
    expect(await restoreDocument(t.db, tenant.orgId, second?.id ?? '')).toEqual({
      ok: false,
      reason: 'not-in-trash',
    });
  });

  it('versions stay immutable outside a purge, even with the setting naming another document', async () => {
    const tenant = await createTenant(t.db);
    const { version } = await documentWithVersion(tenant);
    await expect(
      withOrg(t.db, tenant.orgId, async (trx) => {
        await sql`select set_config('specboard.purging_document', ${newId()}, true)`.execute(trx);
        await trx.deleteFrom('document_versions').where('id', '=', version.id).execute();
      }),
    ).rejects.toThrow(/immutable/);
    await expect(
      withOrg(t.db, tenant.orgId, async (trx) => {
        await sql`select set_config('specboard.purging_document', ${version.document_id}, true)`.execute(
          trx,
        );
        await trx
          .updateTable('document_versions')
          .set({ label: 'changed' })
          .where('id', '=', version.id)
          .execute();
      }),
    ).rejects.toThrow(/immutable/);
  });

  it('purging a deleted document removes it, its versions and its Yjs rows; a live one is refused', async () => {
    const tenant = await createTenant(t.db);
    const { document, taskId } = await documentWithVersion(tenant);
    const purge = () =>
      t.db.transaction().execute((trx) => purgeDeletedDocument(trx, tenant.orgId, document.id));
    expect(await purge()).toBeUndefined();
    await softDeleteDocument(t.db, tenant.orgId, document.id);
    expect(await purge()).toMatchObject({ id: document.id });
    expect(await count('documents', document.id)).toBe(0);
    expect(await count('document_versions', document.id)).toBe(0);
    expect(await count('doc_updates', `doc:${document.id}`)).toBe(0);
    const task = await t.owner
      .selectFrom('tasks')
      .select('source_version_id')
      .where('id', '=', taskId)
      .executeTakeFirstOrThrow();
    expect(task.source_version_id).toBeNull();
  });

  it('purging an archived project removes it with its documents and board; another org cannot', async () => {
    const tenant = await createTenant(t.db);
    const other = await createTenant(t.db, 'Other');
    const { document } = await documentWithVersion(tenant);
    const purge = (orgId: string) =>
      t.db.transaction().execute((trx) => purgeArchivedProject(trx, orgId, tenant.projectId));
    expect(await purge(tenant.orgId)).toBeUndefined();
    await archiveProject(t.db, tenant.orgId, tenant.projectId);
    expect(await purge(other.orgId)).toBeUndefined();
    expect(await purge(tenant.orgId)).toMatchObject({ id: tenant.projectId });
    expect(await count('documents', document.id)).toBe(0);
    expect(await count('document_versions', document.id)).toBe(0);
    const projects = await t.owner
      .selectFrom('projects')
      .select('id')
      .where('id', '=', tenant.projectId)
      .execute();
    expect(projects).toEqual([]);
  });
});
