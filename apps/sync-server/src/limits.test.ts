import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  connect,
  eventually,
  newDocName,
  rawSocket,
  serverPerFile,
  tokenFor,
} from './testing/harness.ts';

const context = serverPerFile({
  SYNC_MAX_MESSAGE_BYTES: String(64 * 1024),
  SYNC_RATE_LIMIT_PER_SECOND: '50',
  SYNC_RATE_LIMIT_BURST: '200',
  SYNC_MAX_CONNECTIONS_PER_DOC: '5',
});

/** A writer that keeps editing, to prove other connections are unaffected by a bad one. */
async function healthyPair(docName: string) {
  const a = connect(context.running.collabUrl, docName, await tokenFor(docName));
  const b = connect(context.running.collabUrl, docName, await tokenFor(docName));
  await Promise.all([a.synced, b.synced]);
  return {
    async stillConverge(word: string) {
      a.text.insert(a.text.length, word);
      await eventually(() => b.text.toString() === a.text.toString(), 20_000, 'healthy clients');
    },
    destroy() {
      a.destroy();
      b.destroy();
    },
  };
}

function syncUpdateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

async function openRaw(docName: string) {
  const raw = rawSocket(context.running.collabUrl, docName, await tokenFor(docName));
  await raw.opened;
  return raw;
}

describe('bad frames close only their own connection', () => {
  it('closes a frame over SYNC_MAX_MESSAGE_BYTES with 1009', async () => {
    const docName = newDocName();
    const pair = await healthyPair(docName);
    const raw = await openRaw(docName);
    raw.socket.send(new Uint8Array(65 * 1024));
    expect((await raw.closed).code).toBe(1009);
    await pair.stillConverge('after big frame');
    pair.destroy();
  });

  it('closes a text frame with 1003', async () => {
    const docName = newDocName();
    const pair = await healthyPair(docName);
    const raw = await openRaw(docName);
    raw.socket.send('hello');
    expect((await raw.closed).code).toBe(1003);
    await pair.stillConverge('after text');
    pair.destroy();
  });

  it('closes unknown message types, bad varints and truncated updates with 4400', async () => {
    const docName = newDocName();
    const pair = await healthyPair(docName);
    const source = new Y.Doc();
    source.getText('t').insert(0, 'a real update that will be cut short');
    const truncated = Y.encodeStateAsUpdate(source).slice(0, 12);
    for (const frame of [
      new Uint8Array([9, 1, 2]),
      new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
      syncUpdateFrame(truncated),
      new Uint8Array([0, 7, 0]),
    ]) {
      const raw = await openRaw(docName);
      raw.socket.send(frame);
      expect((await raw.closed).code).toBe(4400);
    }
    await pair.stillConverge('after malformed');
    pair.destroy();
  });

  it('closes a connection flooding past the message-rate limit with 4529', async () => {
    const docName = newDocName();
    const pair = await healthyPair(docName);
    const raw = await openRaw(docName);
    const queryAwareness = new Uint8Array([3]);
    for (let i = 0; i < 400; i++) raw.socket.send(queryAwareness);
    expect((await raw.closed).code).toBe(4529);
    await pair.stillConverge('after flood');
    pair.destroy();
  });

  it('refuses connections beyond SYNC_MAX_CONNECTIONS_PER_DOC with 4503', async () => {
    const docName = newDocName();
    const clients = [];
    for (let i = 0; i < 5; i++)
      clients.push(connect(context.running.collabUrl, docName, await tokenFor(docName)));
    await Promise.all(clients.map((c) => c.synced));
    const extra = rawSocket(context.running.collabUrl, docName, await tokenFor(docName));
    expect((await extra.closed).code).toBe(4503);
    for (const client of clients) client.destroy();
  });
});

describe('fuzz', () => {
  it('survives thousands of random and mutated frames; well-behaved clients still converge', async () => {
    const docName = newDocName();
    const pair = await healthyPair(docName);
    const source = new Y.Doc();
    source.getText('t').insert(0, 'seed text for mutations');
    const valid = syncUpdateFrame(Y.encodeStateAsUpdate(source));
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const heapBefore = process.memoryUsage().heapUsed;
    let frames = 0;
    for (let round = 0; round < 40; round++) {
      const raw = await openRaw(docName);
      for (let i = 0; i < 100 && raw.socket.readyState === raw.socket.OPEN; i++) {
        let frame: Uint8Array;
        if (random() < 0.5) {
          frame = new Uint8Array(Math.floor(random() * 64));
          for (let j = 0; j < frame.length; j++) frame[j] = Math.floor(random() * 256);
        } else {
          frame = valid.slice();
          const flips = 1 + Math.floor(random() * 4);
          for (let j = 0; j < flips; j++) {
            frame[Math.floor(random() * frame.length)] = Math.floor(random() * 256);
          }
          if (random() < 0.3) frame = frame.slice(0, Math.floor(random() * frame.length));
        }
        raw.socket.send(frame);
        frames++;
      }
      raw.socket.close();
      await raw.closed;
    }
    expect(frames).toBeGreaterThan(1_000);
    await pair.stillConverge(' still fine');
    const growth = process.memoryUsage().heapUsed - heapBefore;
    expect(growth).toBeLessThan(64 * 1024 * 1024);
    pair.destroy();
  }, 60_000);
});
