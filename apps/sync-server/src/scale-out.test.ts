import { appendDocUpdates } from '@specboard/db/doc-log';
import { createTestDatabase, type TestDatabase } from '@specboard/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  connect,
  eventually,
  newDocName,
  orgOf,
  type RunningServer,
  startServer,
  tokenFor,
} from './testing/harness.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const buses: Record<string, Record<string, string>> = {
  'Postgres LISTEN/NOTIFY': {},
  'Redis pub/sub': { REDIS_URL: redisUrl },
};

for (const [busName, env] of Object.entries(buses)) {
  describe(`two instances over the ${busName} bus`, () => {
    let first: RunningServer;
    let second: RunningServer;
    beforeAll(async () => {
      first = await startServer(database.url, env);
      second = await startServer(database.url, env);
    });
    afterAll(async () => {
      await Promise.all([first.server.close(), second.server.close()]);
    });

    it('clients of the same document on different instances converge, awareness included', async () => {
      const docName = newDocName();
      const alice = connect(first.collabUrl, docName, await tokenFor(docName, { name: 'Alice' }));
      const bob = connect(second.collabUrl, docName, await tokenFor(docName));
      await Promise.all([alice.synced, bob.synced]);
      for (let i = 0; i < 20; i++) {
        alice.text.insert(alice.text.length, 'a');
        bob.text.insert(0, 'b');
      }
      await eventually(
        () => alice.text.toString() === bob.text.toString() && alice.text.length === 40,
        20_000,
        'convergence across instances',
      );
      alice.provider.awareness.setLocalStateField('user', { name: 'Alice' });
      await eventually(
        () =>
          [...bob.provider.awareness.getStates().values()].some((s) => s.user?.name === 'Alice'),
        20_000,
        'awareness across instances',
      );
      alice.destroy();
      await eventually(
        () =>
          ![...bob.provider.awareness.getStates().values()].some((s) => s.user?.name === 'Alice'),
        20_000,
        'departure across instances',
      );
      bob.destroy();
    });
  });
}

describe('a missed bus message', () => {
  it('is repaired from doc_updates by catch-up, not ignored', async () => {
    const running = await startServer(database.url);
    const docName = newDocName();
    const reader = connect(running.collabUrl, docName, await tokenFor(docName));
    await reader.synced;
    const elsewhere = new Y.Doc();
    elsewhere.getText('t').insert(0, 'written by a process whose NOTIFY was lost');
    await appendDocUpdates(database.db, orgOf(docName), [
      { docName, update: Y.encodeStateAsUpdate(elsewhere), origin: 'lost-instance' },
    ]);
    await eventually(
      () => reader.text.toString() === 'written by a process whose NOTIFY was lost',
      20_000,
      'catch-up',
    );
    expect(reader.text.toString()).toContain('NOTIFY');
    reader.destroy();
    await running.server.close();
  });
});
