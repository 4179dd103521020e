import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BoardChangeListener, listenForBoardChanges } from './board-changes.ts';
import { appendDocUpdates } from './doc-log.ts';
import { newId } from './ids.ts';
import { findLiveProjectOrg } from './tasks.ts';
import { createTenant, createTestDatabase, type TestDatabase } from './testing/index.ts';

let t: TestDatabase;
let listener: BoardChangeListener;
const heard: string[] = [];
beforeAll(async () => {
  t = await createTestDatabase();
  listener = await listenForBoardChanges(t.url, (projectId) => heard.push(projectId));
});
afterAll(async () => {
  await listener.close();
  await t.drop();
});

async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`no notification; heard ${heard.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('board change notifications', () => {
  it('names the project once per write of its board, and stays quiet for documents', async () => {
    const tenant = await createTenant(t.db);
    const update = new Uint8Array([0, 0]);
    await appendDocUpdates(t.db, tenant.orgId, [
      { docName: `doc:${newId()}`, update, origin: 'test' },
    ]);
    await appendDocUpdates(t.db, tenant.orgId, [
      { docName: `board:${tenant.projectId}`, update, origin: 'test' },
      { docName: `board:${tenant.projectId}`, update, origin: 'test' },
    ]);
    await until(() => heard.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(heard).toEqual([tenant.projectId]);
    expect(await findLiveProjectOrg(t.db, tenant.projectId)).toBe(tenant.orgId);
  });
});
