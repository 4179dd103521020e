import { createTestDatabase, type TestDatabase } from '@specboard/db/testing';
import { CloseCode } from '@specboard/doc/close-codes';
import getPort from 'get-port';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { MAX_CLIENTS_PER_CONNECTION } from './presence.ts';
import { AuthMessage, encodeAwareness, encodeAwarenessEntries, MessageType } from './protocol.ts';
import { flood, rssOf } from './testing/attacker.ts';
import { type ChildServer, startChildServer } from './testing/child-server.ts';
import {
  type Client,
  connect,
  eventually,
  newDocName,
  rawSocket,
  refusedUpgrade,
  startServer,
  testInternalSecret,
  tokenFor,
} from './testing/harness.ts';

/** The server as the README starts it (`node src/server.ts`), measured from outside. */
let database: TestDatabase;
let child: ChildServer;
let port: number;
let internalPort: number;
const figures: Record<string, unknown> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  [port, internalPort] = [await getPort(), await getPort()];
  child = await startChildServer(database.url, port, {
    INTERNAL_PORT: String(internalPort),
  });
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
      expect(result.cutAfterMs).toBeLessThan(1_500);
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

/** An awareness frame announcing `count` client states, each `{user:{name}}`. */
function awarenessFrame(
  entries: { clientId: number; clock: number; state: unknown }[],
): Uint8Array {
  return encodeAwareness(
    encodeAwarenessEntries(
      entries.map(({ clientId, clock, state }) => ({
        clientId,
        clock,
        json: JSON.stringify(state),
      })),
    ),
  );
}

const states = (client: Client) => [...client.provider.awareness.getStates().entries()];

describe('presence is bounded and honest', () => {
  it('closes a viewer announcing 50,000 client states; a newcomer sees only the real ones', async () => {
    const docName = newDocName();
    const editor = connect(child.collabUrl, docName, await tokenFor(docName, { name: 'Ed' }));
    await editor.synced;
    editor.provider.awareness.setLocalStateField('user', { color: '#0a0' });
    const viewer = rawSocket(child.collabUrl, docName, await tokenFor(docName, { role: 'viewer' }));
    await viewer.opened;
    viewer.socket.send(
      awarenessFrame(
        Array.from({ length: 50_000 }, (_, i) => ({
          clientId: 1_000_000 + i,
          clock: 1,
          state: { user: { name: `ghost ${i}` } },
        })),
      ),
    );
    const closed = await viewer.closed;
    const newcomer = connect(child.collabUrl, docName, await tokenFor(docName));
    await newcomer.synced;
    await eventually(() => states(newcomer).some(([, s]) => s.user?.name === 'Ed'));
    const seen = states(newcomer).length;
    figures.awarenessFlood = { closeCode: closed.code, statesSeenByNewcomer: seen };
    expect(closed.code).toBe(CloseCode.presenceRejected);
    expect(seen).toBeLessThanOrEqual(2 + MAX_CLIENTS_PER_CONNECTION);
    editor.destroy();
    newcomer.destroy();
  });

  it('shows the token’s id and name whatever a client claims, and refuses changes to another’s state', async () => {
    const docName = newDocName();
    const alice = connect(
      child.collabUrl,
      docName,
      await tokenFor(docName, { sub: 'alice-id', name: 'Alice' }),
    );
    const mallory = connect(
      child.collabUrl,
      docName,
      await tokenFor(docName, { sub: 'mallory-id', name: 'Mallory' }),
    );
    const observer = connect(child.collabUrl, docName, await tokenFor(docName, { name: 'Obs' }));
    await Promise.all([alice.synced, mallory.synced, observer.synced]);
    alice.provider.awareness.setLocalStateField('user', {
      id: 'alice-id',
      name: 'Alice',
      color: '#f00',
    });
    mallory.provider.awareness.setLocalStateField('user', {
      id: 'alice-id',
      name: 'Alice',
      color: '#0f0',
    });
    const seenMallory = () =>
      observer.provider.awareness.getStates().get(mallory.doc.clientID)?.user;
    await eventually(() => seenMallory()?.color === '#0f0', 5_000, 'Mallory’s state');
    expect(seenMallory()).toEqual({ id: 'mallory-id', name: 'Mallory', color: '#0f0' });

    // A raw client tries to overwrite Alice's own awareness entry.
    const raw = rawSocket(child.collabUrl, docName, await tokenFor(docName, { sub: 'mallory-id' }));
    await raw.opened;
    raw.socket.send(
      awarenessFrame([
        { clientId: alice.doc.clientID, clock: 1_000, state: { user: { name: 'pwned' } } },
      ]),
    );
    const closed = await raw.closed;
    expect(closed.code).toBe(CloseCode.presenceRejected);
    const seenAlice = observer.provider.awareness.getStates().get(alice.doc.clientID)?.user;
    figures.identityForgery = {
      observerSawMalloryAs: seenMallory(),
      aliceStill: seenAlice,
      rawCloseCode: closed.code,
    };
    expect(seenAlice).toEqual({ id: 'alice-id', name: 'Alice', color: '#f00' });
    for (const client of [alice, mallory, observer]) client.destroy();
  });
});

describe('access ends when the token expires', () => {
  it('closes a live connection with 4401 within about a second of exp', async () => {
    const docName = newDocName();
    const token = await tokenFor(docName, {}, 3);
    const [, payload = ''] = token.split('.');
    const { exp } = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { exp: number };
    const client = connect(child.collabUrl, docName, token);
    await client.synced;
    const closed = await client.closed;
    const lateMs = Date.now() - exp * 1000;
    figures.expiry = { closeCode: closed.code, msAfterExp: lateMs };
    expect(closed.code).toBe(CloseCode.unauthenticated);
    expect(lateMs).toBeGreaterThanOrEqual(0);
    expect(lateMs).toBeLessThan(1_200);
    client.destroy();
  }, 10_000);
});

function renewal(token: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.auth);
  encoding.writeVarUint(encoder, AuthMessage.renewToken);
  encoding.writeVarString(encoder, token);
  return encoding.toUint8Array(encoder);
}

describe('token renewal over the socket', () => {
  it('keeps a connection past its first token’s exp; a token for someone else closes it', async () => {
    const docName = newDocName();
    const client = connect(child.collabUrl, docName, await tokenFor(docName, { sub: 'u1' }, 2));
    await client.synced;
    client.provider.ws?.send(renewal(await tokenFor(docName, { sub: 'u1' }, 600)));
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(client.provider.wsconnected).toBe(true);
    client.provider.ws?.send(renewal(await tokenFor(docName, { sub: 'someone-else' }, 600)));
    expect((await client.closed).code).toBe(CloseCode.revoked);
    client.destroy();
    const other = connect(child.collabUrl, docName, await tokenFor(docName));
    await other.synced;
    other.provider.ws?.send(renewal('not.a.token'));
    expect((await other.closed).code).toBe(CloseCode.unauthenticated);
    other.destroy();
  }, 10_000);
});

describe('repeated sync step 1', () => {
  it('is answered from a cached encoding until the document changes', async () => {
    const docName = newDocName();
    const writer = connect(child.collabUrl, docName, await tokenFor(docName));
    await writer.synced;
    writer.text.insert(0, 'x'.repeat(20_000));
    const raw = rawSocket(child.collabUrl, docName, await tokenFor(docName, { role: 'viewer' }));
    await raw.opened;
    const metricsUrl = `http://127.0.0.1:${internalPort}/metrics`;
    const authorization = `Bearer ${testInternalSecret}`;
    const served = async (cache: 'hit' | 'miss') => {
      const text = await (await fetch(metricsUrl, { headers: { authorization } })).text();
      const match = new RegExp(`sync_step2_served_total\\{cache="${cache}"\\} (\\d+)`).exec(text);
      return Number(match?.[1] ?? 0);
    };
    const hitsBefore = await served('hit');
    const missesBefore = await served('miss');
    const step1 = new Uint8Array([0, 0, 1, 0]);
    const started = Date.now();
    for (let i = 0; i < 500; i++) raw.socket.send(step1);
    await eventually(() => raw.messages.length >= 500, 10_000, '500 answers');
    const tookMs = Date.now() - started;
    const hits = (await served('hit')) - hitsBefore;
    const misses = (await served('miss')) - missesBefore;
    figures.repeatedStep1 = { requests: 500, encodes: misses, cacheHits: hits, tookMs };
    expect(misses).toBeLessThanOrEqual(2);
    expect(hits).toBeGreaterThanOrEqual(498);
    const answer = raw.messages.at(-1);
    expect(answer?.length).toBeGreaterThan(20_000);
    // A change invalidates the cached answer.
    writer.text.insert(0, 'y');
    await eventually(async () => {
      raw.socket.send(step1);
      return (await served('miss')) > missesBefore + misses;
    });
    raw.socket.close();
    writer.destroy();
  });
});

describe('per-address limits', () => {
  it('refuses upgrades past the per-address connection and handshake limits with 429', async () => {
    const running = await startServer(database.url, {
      SYNC_MAX_CONNECTIONS_PER_ADDRESS: '3',
      SYNC_HANDSHAKES_PER_SECOND: '1',
      SYNC_HANDSHAKE_BURST: '6',
    });
    const docName = newDocName();
    const open = [];
    for (let i = 0; i < 3; i++) {
      const socket = rawSocket(running.collabUrl, docName, await tokenFor(docName));
      await socket.opened;
      open.push(socket);
    }
    const fourth = await refusedUpgrade(running.collabUrl, docName, await tokenFor(docName));
    expect(fourth.status).toBe(429);
    for (const socket of open) socket.socket.close();
    await Promise.all(open.map((socket) => socket.closed));
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await refusedUpgrade(running.collabUrl, docName, '')).status);
    }
    figures.addressLimits = { fourthConnection: fourth.status, rapidHandshakes: statuses };
    expect(statuses).toContain(429);
    await running.server.close();
  });
});
