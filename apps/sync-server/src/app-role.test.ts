import { createTestDatabase, type TestDatabase } from '@specboard/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from './testing/harness.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

describe('the sync server’s database login', () => {
  it('starts as the app login and refuses the owner', async () => {
    const running = await startServer(database.url);
    await running.server.close();
    await expect(startServer(database.ownerUrl)).rejects.toThrow(/bypasses row-level security/);
  });
});
