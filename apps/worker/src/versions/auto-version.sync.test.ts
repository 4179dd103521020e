import { readDocUpdatesAfter } from '@specboard/db/doc-log';
import { createDocument } from '@specboard/db/documents';
import { createTenant, createTestDatabase, type TestDatabase } from '@specboard/db/testing';
import { getLatestVersion, listVersions } from '@specboard/db/versions';
import {
  connect,
  eventually,
  startServer,
  tokenFor,
  unloaded,
} from '@specboard/sync-server/src/testing/harness.ts';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentDocName, fillWithMarkdown } from '../ai/doc-model.ts';
import { AUTO_VERSION_IDLE_SECONDS, saveAutoVersions } from './auto-versions.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const logger = pino({ level: 'silent' });

describe('automatic versions', () => {
  it('a document closed right after an edit (its log compacted away) still gets exactly one', async () => {
    const tenant = await createTenant(t.db);
    const document = await createDocument(t.db, {
      orgId: tenant.orgId,
      projectId: tenant.projectId,
      type: 'prd',
      title: 'PRD',
      createdBy: tenant.userId,
    });
    if (!document) throw new Error('no document');
    const docName = documentDocName(document.id);
    const sync = await startServer(t.url);
    const token = await tokenFor(docName, { org: tenant.orgId });
    const client = connect(sync.collabUrl, docName, token);
    await client.synced;
    client.doc.transact(() => fillWithMarkdown(client.doc, '## Goals\n\nShip it'));
    await eventually(
      async () => (await readDocUpdatesAfter(t.db, tenant.orgId, docName, null)).length > 0,
      20_000,
      'the first edit stored',
    );
    // A second row, so the unload compacts (a one-row log is left as it is).
    client.doc.transact(() => fillWithMarkdown(client.doc, '## Goals\n\nShip it on Friday'));
    await eventually(
      async () => (await readDocUpdatesAfter(t.db, tenant.orgId, docName, null)).length > 1,
      20_000,
      'the second edit stored',
    );
    client.destroy();
    await unloaded(sync.server, docName);
    // Closing waits for the compaction the unload started.
    await sync.server.close();
    expect(await readDocUpdatesAfter(t.db, tenant.orgId, docName, null)).toEqual([]);

    const deps = { db: t.db, logger };
    const idleSeconds = AUTO_VERSION_IDLE_SECONDS;
    await expect(saveAutoVersions(deps, { idleSeconds })).resolves.toEqual({
      candidates: 0,
      saved: 0,
    });
    const later = new Date(Date.now() + (idleSeconds + 60) * 1000);
    await expect(saveAutoVersions(deps, { idleSeconds, now: later })).resolves.toEqual({
      candidates: 1,
      saved: 1,
    });
    await expect(saveAutoVersions(deps, { idleSeconds, now: later })).resolves.toEqual({
      candidates: 0,
      saved: 0,
    });
    const versions = await listVersions(t.db, tenant.orgId, document.id);
    expect(versions.map((v) => v.trigger)).toEqual(['auto']);
    const latest = await getLatestVersion(t.db, tenant.orgId, document.id);
    expect(latest?.content_md).toBe('## Goals\n\nShip it on Friday');
  }, 60_000);
});
