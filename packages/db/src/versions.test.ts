import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendDocUpdates, compactDoc } from './doc-log.ts';
import { createDocument } from './documents.ts';
import { withOrg } from './org-scope.ts';
import {
  createTenant,
  createTestDatabase,
  type Tenant,
  type TestDatabase,
} from './testing/index.ts';
import {
  createVersion,
  getLatestVersion,
  getVersion,
  listIdleChangedDocuments,
  listVersions,
  searchVersions,
} from './versions.ts';

let t: TestDatabase;
let tenant: Tenant;
let documentId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  tenant = await createTenant(t.db);
  const document = await createDocument(t.db, {
    orgId: tenant.orgId,
    projectId: tenant.projectId,
    type: 'prd',
    title: 'PRD',
    createdBy: tenant.userId,
  });
  if (!document) throw new Error('document not created');
  documentId = document.id;
});
afterAll(async () => {
  await t.drop();
});

function save(label: string) {
  return createVersion(t.db, {
    orgId: tenant.orgId,
    documentId,
    label,
    trigger: 'manual',
    yState: new Uint8Array([1, 2, 3]),
    contentJson: { type: 'doc', content: [] },
    contentMd: `# ${label}\n\nCheckout flow for returning customers`,
    createdBy: tenant.userId,
  });
}

describe('document versions', () => {
  it('cannot be updated or deleted once written', async () => {
    const version = await save('first');
    if (!version) throw new Error('version not created');
    await expect(
      withOrg(t.db, tenant.orgId, (trx) =>
        trx
          .updateTable('document_versions')
          .set({ label: 'changed' })
          .where('id', '=', version.id)
          .execute(),
      ),
    ).rejects.toThrow(/immutable/);
    await expect(
      withOrg(t.db, tenant.orgId, (trx) =>
        trx.deleteFrom('document_versions').where('id', '=', version.id).execute(),
      ),
    ).rejects.toThrow(/immutable/);
    const reread = await getVersion(t.db, tenant.orgId, version.id);
    expect(reread?.label).toBe('first');
  });

  it('are numbered 1, 2, 3… per document even when saved concurrently', async () => {
    await Promise.all(Array.from({ length: 8 }, (_, i) => save(`concurrent ${i}`)));
    const numbers = (await listVersions(t.db, tenant.orgId, documentId))
      .map((v) => v.number)
      .sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 1));
    const { rows } = await sql<{ current_version_id: string; max_id: string }>`
      select d.current_version_id, (select id from document_versions where document_id = d.id order by number desc limit 1) as max_id
      from documents d where d.id = ${documentId}`.execute(t.owner);
    expect(rows[0]?.current_version_id).toBe(rows[0]?.max_id);
  });

  it('are invisible to another organisation', async () => {
    const other = await createTenant(t.db, 'Globex');
    const [latest] = await listVersions(t.db, tenant.orgId, documentId);
    if (!latest) throw new Error('no versions');
    expect(await getVersion(t.db, other.orgId, latest.id)).toBeUndefined();
    expect(await listVersions(t.db, other.orgId, documentId)).toEqual([]);
    expect(
      await createVersion(t.db, {
        orgId: other.orgId,
        documentId,
        trigger: 'manual',
        yState: new Uint8Array(),
        contentJson: {},
        contentMd: '',
        createdBy: other.userId,
      }),
    ).toBeUndefined();
  });
});

describe('version search and automatic versions', () => {
  it('finds versions by their text and label, and knows the latest', async () => {
    await save('pricing');
    const hits = await searchVersions(t.db, {
      orgId: tenant.orgId,
      documentId,
      query: 'returning customers',
    });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits[0]?.snippet).toContain('«returning»');
    const latest = await getLatestVersion(t.db, tenant.orgId, documentId);
    expect(latest?.label).toBe('pricing');
    expect(await searchVersions(t.db, { orgId: tenant.orgId, documentId, query: 'zebra' })).toEqual(
      [],
    );
  });

  it('lists documents idle after changes newer than their latest version', async () => {
    const fresh = await createDocument(t.db, {
      orgId: tenant.orgId,
      projectId: tenant.projectId,
      type: 'notes',
      title: 'Notes',
      createdBy: tenant.userId,
    });
    if (!fresh) throw new Error('document not created');
    const candidate = { orgId: tenant.orgId, documentId: fresh.id };
    await appendDocUpdates(t.db, tenant.orgId, [
      { docName: `doc:${fresh.id}`, update: new Uint8Array([0, 0]), origin: 'test' },
    ]);
    expect(await listIdleChangedDocuments(t.db, { idleSeconds: 300 })).not.toContainEqual(
      candidate,
    );
    // Compaction empties the log; the time of the change is kept apart from it.
    await compactDoc(t.db, tenant.orgId, `doc:${fresh.id}`, () => new Uint8Array([0, 0]));
    const later = new Date(Date.now() + 10 * 60_000);
    expect(await listIdleChangedDocuments(t.db, { idleSeconds: 300, now: later })).toContainEqual(
      candidate,
    );
    await createVersion(t.db, {
      ...candidate,
      trigger: 'auto',
      yState: new Uint8Array(),
      contentJson: {},
      contentMd: '',
      createdBy: null,
    });
    expect(
      await listIdleChangedDocuments(t.db, { idleSeconds: 300, now: later }),
    ).not.toContainEqual(candidate);
  });
});
