import { PostgresBus } from '@specboard/bus';
import { appendDocUpdates, compactDoc } from '@specboard/db/doc-log';
import { createDocument } from '@specboard/db/documents';
import { createTenant, createTestDatabase, type TestDatabase } from '@specboard/db/testing';
import { replaceDocContent } from '@specboard/doc/content';
import { formatDocName } from '@specboard/doc/doc-names';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DocSession } from './doc-session.ts';
import { loadStoredDoc, withStoredDoc } from './load.ts';
import { restoreStoredVersion, saveStoredVersion, versionContentOf } from './versions.ts';

let database: TestDatabase;
let bus: PostgresBus;
beforeAll(async () => {
  database = await createTestDatabase();
  bus = new PostgresBus({ databaseUrl: database.url, instanceId: 'stored-doc-test' });
});
afterAll(async () => {
  await bus?.close();
  await database?.drop();
});

async function newDocument() {
  const tenant = await createTenant(database.db);
  const document = await createDocument(database.db, {
    orgId: tenant.orgId,
    projectId: tenant.projectId,
    type: 'notes',
    title: 'Notes',
    createdBy: tenant.userId,
  });
  if (!document) throw new Error('document not created');
  return { tenant, documentId: document.id, docName: formatDocName('doc', document.id) };
}

const markdownOf = (doc: Y.Doc) => versionContentOf(doc).contentMd;

describe('the stored document', () => {
  it('reads snapshot ⊕ log, before and after compaction', async () => {
    const { tenant, docName } = await newDocument();
    const session = await DocSession.open(
      { db: database.db, bus },
      tenant.orgId,
      docName,
      'test:write',
    );
    await session.change((doc) => replaceDocContent(doc, '# Plan\n\nFirst line'));
    await session.change((doc) => replaceDocContent(doc, '# Plan\n\nFirst line\n\nSecond line'));
    session.destroy();
    const before = await withStoredDoc(database.db, tenant.orgId, docName, markdownOf);
    expect(before).toBe('# Plan\n\nFirst line\n\nSecond line');
    const folded = await compactDoc(database.db, tenant.orgId, docName, (snapshot, updates) => {
      const doc = new Y.Doc();
      if (snapshot) Y.applyUpdateV2(doc, snapshot);
      for (const row of updates) Y.applyUpdate(doc, row.update);
      return Y.encodeStateAsUpdateV2(doc);
    });
    expect(folded).toBe(2);
    const after = await loadStoredDoc(database.db, tenant.orgId, docName);
    expect(markdownOf(after)).toBe(before);
    after.destroy();
  });

  it('reads a long log (many transactions, rows out of causal order) exactly', async () => {
    const { tenant, docName } = await newDocument();
    const source = new Y.Doc();
    const text = source.getText('typed');
    const rows: Uint8Array[] = [];
    source.on('update', (update: Uint8Array) => rows.push(update));
    for (let i = 0; i < 3_000; i++) {
      text.insert(Math.floor(text.length / 2), `${i} `);
      if (i % 7 === 0) text.delete(0, 1);
    }
    // Swapping neighbours makes some rows arrive before what they build on.
    for (let i = 0; i + 1 < rows.length; i += 50) {
      const [a, b] = [rows[i], rows[i + 1]];
      if (a && b) [rows[i], rows[i + 1]] = [b, a];
    }
    const bytes = rows.reduce((sum, row) => sum + row.length, 0);
    expect(bytes).toBeGreaterThan(4 * 16 * 1024);
    await appendDocUpdates(
      database.db,
      tenant.orgId,
      rows.map((update) => ({ docName, update, origin: 'test' })),
    );
    const loaded = await loadStoredDoc(database.db, tenant.orgId, docName);
    expect(loaded.getText('typed').toString()).toBe(text.toString());
    loaded.destroy();
  });

  it('saves versions of what is stored, skipping unchanged automatic ones, and restores one as a new change', async () => {
    const { tenant, documentId, docName } = await newDocument();
    const deps = { db: database.db, bus };
    const session = await DocSession.open(deps, tenant.orgId, docName, 'test:write');
    await session.change((doc) => replaceDocContent(doc, 'Version one'));
    const request = {
      orgId: tenant.orgId,
      documentId,
      label: null,
      createdBy: tenant.userId,
    };
    const first = await saveStoredVersion(database.db, {
      ...request,
      trigger: 'manual',
      skipWhenUnchanged: false,
    });
    expect(first?.content_md).toBe('Version one');
    const unchanged = await saveStoredVersion(database.db, {
      ...request,
      trigger: 'auto',
      skipWhenUnchanged: true,
    });
    expect(unchanged).toBeNull();

    await session.change((doc) => replaceDocContent(doc, 'Version two'));
    session.destroy();
    if (!first) throw new Error('no first version');
    const restored = await restoreStoredVersion(deps, {
      orgId: tenant.orgId,
      version: first,
      requestedBy: tenant.userId,
      origin: 'test:restore',
    });
    expect(restored?.number).toBe(2);
    expect(restored?.label).toBe('Restored version 1');
    expect(restored?.content_md).toBe('Version one');
    expect(await withStoredDoc(database.db, tenant.orgId, docName, markdownOf)).toBe('Version one');
  });
});
