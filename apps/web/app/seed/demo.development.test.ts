import { loadDocState } from '@specboard/db/doc-log';
import { listVersions } from '@specboard/db/versions';
import { formatDocName } from '@specboard/doc/doc-names';
import { listSuggestions } from '@specboard/doc/suggestions';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { db } from '../db.server.ts';
import { setUpTestApp } from '../testing/org-fixture.ts';
import { seedDemo } from './demo.server.ts';

// `pnpm dev` seeds with NODE_ENV=development, where Yjs deep-freezes every JSON value it stores
// (and throws on binary nested inside one). Yjs reads the variable once, when it loads, so it is
// set before this file's imports; the test config would otherwise say `test`.
vi.hoisted(() => {
  process.env.NODE_ENV = 'development';
});

setUpTestApp();

let seeded: Awaited<ReturnType<typeof seedDemo>>;

beforeAll(async () => {
  seeded = await seedDemo();
});

async function logRows(docName: string): Promise<number> {
  return (await loadDocState(db(), seeded.orgId, docName)).updates.length;
}

describe('the demo seed under Yjs development mode', () => {
  it('is really under development mode: Yjs refuses binary nested in JSON', () => {
    const map = new Y.Doc().getMap('probe');
    expect(() => map.set('value', { bytes: new Uint8Array([1]) })).toThrow(TypeError);
  });

  it('runs, and runs again without adding anything', async () => {
    const docName = formatDocName('doc', seeded.prdId);
    const boardName = formatDocName('board', seeded.projectId);
    const before = [await logRows(docName), await logRows(boardName)];
    expect(await seedDemo()).toEqual(seeded);
    expect([await logRows(docName), await logRows(boardName)]).toEqual(before);
    expect(await listVersions(db(), seeded.orgId, seeded.prdId)).toHaveLength(2);
    const prd = new Y.Doc();
    for (const row of (await loadDocState(db(), seeded.orgId, docName)).updates)
      Y.applyUpdate(prd, row.update);
    expect(listSuggestions(prd).filter((s) => s.status === 'pending')).toHaveLength(1);
    const board = new Y.Doc();
    for (const row of (await loadDocState(db(), seeded.orgId, boardName)).updates)
      Y.applyUpdate(board, row.update);
    expect(board.getMap('tasks').size).toBeGreaterThan(0);
  });
});
