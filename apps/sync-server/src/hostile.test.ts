import { createTestDatabase, type TestDatabase } from '@specboard/db/testing';
import getPort from 'get-port';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { flood, rssOf } from './testing/attacker.ts';
import { type ChildServer, startChildServer } from './testing/child-server.ts';
import { newDocName, refusedUpgrade, tokenFor } from './testing/harness.ts';

/** The server as the README starts it (`node src/server.ts`), measured from outside. */
let database: TestDatabase;
let child: ChildServer;
let port: number;
const figures: Record<string, unknown> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  port = await getPort();
  child = await startChildServer(database.url, port);
}, 30_000);

afterAll(async () => {
  child.process.kill('SIGTERM');
  await child.exited;
  await database.drop();
  process.stdout.write(`hostile-client figures: ${JSON.stringify(figures, null, 2)}\n`);
});

const pid = () => {
  if (child.process.pid === undefined) throw new Error('child server has no pid');
  return child.process.pid;
};

describe('nothing is read from an unauthenticated socket', () => {
  it('never opens a websocket without a valid token (the official ws client sees HTTP 401)', async () => {
    const docName = newDocName();
    for (let i = 0; i < 4; i++) {
      expect((await refusedUpgrade(child.collabUrl, docName, '')).status).toBe(401);
    }
  });

  it('cuts 4 token-less clients streaming 1 MiB frames within 1 s; RSS stays bounded', async () => {
    const before = rssOf(pid());
    const path = `/collab/${newDocName()}`;
    const results = await Promise.all(
      Array.from({ length: 4 }, () => flood(port, path, { forMs: 6_000 })),
    );
    const growth = rssOf(pid()) - before;
    const cuts = results.map((r) => r.cutAfterMs);
    figures.unauthenticatedFlood = {
      cutAfterMs: cuts,
      mibWrittenBeforeCut: results.map((r) => Math.round(r.bytesWritten / 2 ** 20)),
      rssGrowthMiB: Math.round(growth / 2 ** 20),
    };
    for (const cut of cuts) {
      expect(cut).not.toBeNull();
      expect(cut).toBeLessThan(1_000);
    }
    expect(growth).toBeLessThan(64 * 2 ** 20);
  }, 20_000);

  it('cuts an authenticated client that floods 1 MiB frames and never answers the close', async () => {
    const docName = newDocName();
    const token = await tokenFor(docName);
    const before = rssOf(pid());
    const path = `/collab/${docName}?token=${encodeURIComponent(token)}`;
    const results = await Promise.all(
      Array.from({ length: 4 }, () => flood(port, path, { forMs: 6_000 })),
    );
    const growth = rssOf(pid()) - before;
    figures.authenticatedFlood = {
      cutAfterMs: results.map((r) => r.cutAfterMs),
      mibWrittenBeforeCut: results.map((r) => Math.round(r.bytesWritten / 2 ** 20)),
      rssGrowthMiB: Math.round(growth / 2 ** 20),
    };
    for (const result of results) {
      expect(result.cutAfterMs).not.toBeNull();
      expect(result.cutAfterMs).toBeLessThan(1_000);
    }
    expect(growth).toBeLessThan(128 * 2 ** 20);
  }, 20_000);

  it('a refused upgrade leaves no socket behind', async () => {
    const socket = new WebSocket(`${child.collabUrl}/${newDocName()}`);
    const outcome = await new Promise<string>((resolve) => {
      socket.once('open', () => resolve('open'));
      socket.once('unexpected-response', (_request, response) =>
        resolve(`http ${response.statusCode}`),
      );
      socket.once('error', () => undefined);
    });
    expect(outcome).toBe('http 401');
  });
});
