import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { readDocUpdatesAfter } from '@specboard/db/doc-log';
import { createTestDatabase, type TestDatabase } from '@specboard/db/testing';
import getPort from 'get-port';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChildServer } from './testing/child-server.ts';
import { connect, eventually, newDocName, startServer, tokenFor } from './testing/harness.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('crashes and restarts', () => {
  it('kill -9 while a client types: nothing flushed is lost and the reconnect brings the rest', async () => {
    const port = await getPort();
    const docName = newDocName();
    let server = await startChildServer(database.url, port);
    const typist = connect(server.collabUrl, docName, await tokenFor(docName));
    await typist.synced;
    for (let i = 0; i < 40; i++) {
      typist.text.insert(typist.text.length, `${i} `);
      await pause(10);
    }
    server.process.kill('SIGKILL');
    await server.exited;
    for (let i = 40; i < 60; i++) typist.text.insert(typist.text.length, `${i} `);
    server = await startChildServer(database.url, port);
    await eventually(
      () => typist.provider.wsconnected && typist.provider.synced,
      15_000,
      'reconnect',
    );
    const reader = connect(server.collabUrl, docName, await tokenFor(docName));
    await reader.synced;
    await eventually(
      () => reader.text.toString() === typist.text.toString(),
      10_000,
      'convergence',
    );
    expect(reader.text.toString()).toContain('59 ');
    typist.destroy();
    reader.destroy();
    server.process.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  }, 60_000);

  it('SIGTERM closes sockets with 1012, flushes every pending batch and exits 0', async () => {
    const port = await getPort();
    const docName = newDocName();
    const server = await startChildServer(database.url, port, { SYNC_FLUSH_MS: '60000' });
    const typist = connect(server.collabUrl, docName, await tokenFor(docName));
    await typist.synced;
    typist.text.insert(0, 'written just before the restart');
    await pause(200);
    expect(await readDocUpdatesAfter(database.db, docName, null)).toEqual([]);
    typist.provider.shouldConnect = false;
    server.process.kill('SIGTERM');
    expect((await typist.closed).code).toBe(1012);
    expect(await server.exited).toBe(0);
    expect((await readDocUpdatesAfter(database.db, docName, null)).length).toBeGreaterThan(0);
    typist.destroy();
  }, 30_000);
});

interface Trace {
  endContent: string;
  txns: { patches: [number, number, string][] }[];
}

describe('the real editing trace', () => {
  it('replays 260k keystrokes through one client; after restart and compaction the text is exact', async () => {
    const trace: Trace = JSON.parse(
      gunzipSync(
        readFileSync(join(import.meta.dirname, '../../../../shared/data/automerge-paper.json.gz')),
      ).toString(),
    );
    const docName = newDocName();
    let running = await startServer(database.url);
    const writer = connect(running.collabUrl, docName, await tokenFor(docName));
    await writer.synced;
    for (const txn of trace.txns) {
      for (const [position, deleted, inserted] of txn.patches) {
        writer.doc.transact(() => {
          if (deleted > 0) writer.text.delete(position, deleted);
          if (inserted) writer.text.insert(position, inserted);
        });
      }
    }
    expect(writer.text.toString()).toBe(trace.endContent);
    const observer = connect(running.collabUrl, docName, await tokenFor(docName));
    await eventually(() => observer.text.toString() === trace.endContent, 120_000, 'observer');
    writer.destroy();
    observer.destroy();
    await eventually(() => running.server.registry.get(docName) === undefined, 10_000, 'unload');
    await running.server.close();

    running = await startServer(database.url);
    const reader = connect(running.collabUrl, docName, await tokenFor(docName));
    await reader.synced;
    expect(reader.text.toString()).toBe(trace.endContent);
    reader.destroy();
    await eventually(
      async () => (await readDocUpdatesAfter(database.db, docName, null)).length === 0,
      30_000,
      'compaction on unload',
    );
    const snapshots = await database.db
      .selectFrom('doc_snapshots')
      .select('doc_name')
      .where('doc_name', '=', docName)
      .execute();
    expect(snapshots).toHaveLength(1);
    await running.server.close();
  }, 240_000);
});
