// Graceful drain behind a load balancer: on SIGTERM with SYNC_DRAIN_MS, /readyz answers 503 while
// open connections keep working, and only then are sockets closed (1012) and the process exits.
import { createTestDatabase, type TestDatabase } from '@specboard/db/testing';
import getPort from 'get-port';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChildServer } from './testing/child-server.ts';
import { connect, eventually, newDocName, tokenFor } from './testing/harness.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

describe('SIGTERM with SYNC_DRAIN_MS', () => {
  it('answers /readyz 503 while clients keep editing, then closes them with 1012 and exits 0', async () => {
    const port = await getPort();
    const server = await startChildServer(database.url, port, { SYNC_DRAIN_MS: '3000' });
    const readyz = () => fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.status);
    const docName = newDocName();
    const typist = connect(server.collabUrl, docName, await tokenFor(docName));
    const observer = connect(server.collabUrl, docName, await tokenFor(docName));
    await Promise.all([typist.synced, observer.synced]);
    expect(await readyz()).toBe(200);

    server.process.kill('SIGTERM');
    await eventually(
      async () => (await readyz()) === 503,
      10_000,
      '/readyz to answer 503 once SIGTERM arrived',
    );
    typist.text.insert(0, 'typed while draining');
    await eventually(
      () => observer.text.toString() === 'typed while draining',
      10_000,
      'an edit made during the drain to reach the other client',
    );
    for (const client of [typist, observer]) client.provider.shouldConnect = false;
    expect((await typist.closed).code).toBe(1012);
    expect(await server.exited).toBe(0);
    typist.destroy();
    observer.destroy();
  }, 60_000);
});
