import { loadDocState } from '@specboard/db/doc-log';
import { listDocuments } from '@specboard/db/documents';
import type { TestDatabase } from '@specboard/db/testing';
import { docToJson, docToMarkdown } from '@specboard/doc/content';
import { formatDocName } from '@specboard/doc/doc-names';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { db } from '../db.server.ts';
import { startTestApp } from '../testing/app-fixture.ts';
import { seedDemo } from './demo.server.ts';

let database: TestDatabase;

beforeAll(async () => {
  database = await startTestApp();
});

afterAll(async () => {
  await database.drop();
});

describe('the demo seed', () => {
  it('creates an organisation, project and a filled-in PRD once, however often it runs', async () => {
    const first = await seedDemo();
    const second = await seedDemo();
    expect(second).toEqual(first);
    const documents = await listDocuments(db(), first.orgId, first.projectId);
    expect(documents.map((d) => d.type)).toEqual(['prd']);

    const stored = await loadDocState(db(), formatDocName('doc', documents[0]?.id ?? ''));
    expect(stored.updates).toHaveLength(1);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, stored.updates[0]?.update ?? new Uint8Array());
    const types = new Set(docToJson(doc).content?.map((node) => node.type));
    expect([...types]).toEqual(
      expect.arrayContaining(['heading', 'table', 'taskList', 'orderedList', 'codeBlock']),
    );
    expect(docToMarkdown(doc)).toContain('- [x] Connect a mailbox');
  });
});
