import { newId } from '@specboard/db';
import { createTestDatabase, type TestDatabase } from '@specboard/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, newDocName, startServer, tokenFor } from './testing/harness.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

describe('the sync server’s database login and scope', () => {
  it('starts as the app login and refuses the owner', async () => {
    const running = await startServer(database.url);
    await running.server.close();
    await expect(startServer(database.ownerUrl)).rejects.toThrow(/bypasses row-level security/);
  });

  it('refuses a token whose organisation is not the loaded document’s', async () => {
    const running = await startServer(database.url);
    const docName = newDocName();
    const owner = connect(running.collabUrl, docName, await tokenFor(docName));
    await owner.synced;
    const stranger = connect(running.collabUrl, docName, await tokenFor(docName, { org: newId() }));
    expect((await stranger.closed).code).toBe(1011);
    stranger.destroy();
    owner.destroy();
    await running.server.close();
  });
});
