import { randomBytes } from 'node:crypto';
import { newId } from '@specboard/db';
import { readDocUpdatesAfter } from '@specboard/db/doc-log';
import { createTestDatabase, type TestDatabase } from '@specboard/db/testing';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bus, BusMessage } from './bus.ts';
import { PostgresBus } from './postgres-bus.ts';
import { RedisBus } from './redis-bus.ts';
import { channelOf } from './wire.ts';
import { writeDocUpdate } from './write-doc-update.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const transports: Record<string, (instanceId: string) => Bus> = {
  postgres: (instanceId) => new PostgresBus({ databaseUrl: database.url, instanceId }),
  redis: (instanceId) => new RedisBus({ redisUrl, instanceId }),
};

function inbox(bus: Bus, docName: string) {
  const received: BusMessage[] = [];
  const waiters: Array<() => void> = [];
  const ready = bus.subscribe(docName, (message) => {
    received.push(message);
    for (const wake of waiters.splice(0)) wake();
  });
  return {
    received,
    ready,
    async next(count = 1): Promise<BusMessage[]> {
      const deadline = Date.now() + 5_000;
      while (received.length < count && Date.now() < deadline) {
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
      return received.slice(0, count);
    },
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

for (const [transport, open] of Object.entries(transports)) {
  describe(`${transport} bus`, () => {
    it('delivers a message to other instances with its bytes and origin, never back to the sender', async () => {
      const [a, b] = [open('instance-a'), open('instance-b')];
      const docName = `doc:${newId()}`;
      try {
        const atA = inbox(a, docName);
        const atB = inbox(b, docName);
        await Promise.all([atA.ready, atB.ready]);
        const payload = new Uint8Array([1, 2, 3, 250]);
        await a.publish({ docName, kind: 'awareness', payload });
        const [message] = await atB.next();
        expect(message).toMatchObject({
          docName,
          kind: 'awareness',
          origin: 'instance-a',
          payload,
        });
        expect(Date.now() - (message?.sentAt ?? 0)).toBeLessThan(5_000);
        await pause(100);
        expect(atA.received).toEqual([]);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });

    it('keeps documents apart and stops delivering after unsubscribe', async () => {
      const [a, b] = [open('instance-a'), open('instance-b')];
      const [first, second] = [`doc:${newId()}`, `doc:${newId()}`];
      try {
        const received: string[] = [];
        const stop = await b.subscribe(first, (m) => received.push(m.docName));
        await a.publish({ docName: second, kind: 'control', payload: new Uint8Array([7]) });
        await a.publish({ docName: first, kind: 'control', payload: new Uint8Array([7]) });
        await pause(200);
        expect(received).toEqual([first]);
        await stop();
        await a.publish({ docName: first, kind: 'control', payload: new Uint8Array([7]) });
        await pause(200);
        expect(received).toEqual([first]);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });

    it('writeDocUpdate stores the row before other instances hear of it', async () => {
      const [writer, server] = [open('worker-1'), open('sync-1')];
      const docName = `doc:${newId()}`;
      const orgId = newId();
      try {
        const atServer = inbox(server, docName);
        await atServer.ready;
        const update = new Uint8Array(randomBytes(64));
        const id = await writeDocUpdate(database.db, writer, {
          orgId,
          docName,
          update,
          origin: 'worker:1',
        });
        const [message] = await atServer.next();
        expect(message?.updateId).toBe(id);
        expect(message?.payload).toEqual(update);
        const rows = await readDocUpdatesAfter(database.db, orgId, docName, null);
        expect(rows.map((row) => [row.id, Buffer.from(row.update).equals(update)])).toEqual([
          [id, true],
        ]);
      } finally {
        await Promise.all([writer.close(), server.close()]);
      }
    });
  });
}

describe('postgres bus limits', () => {
  it('sends an update too large for NOTIFY as its row id only', async () => {
    const [a, b] = [transports.postgres?.('a'), transports.postgres?.('b')];
    if (!a || !b) throw new Error('postgres transport missing');
    const docName = `doc:${newId()}`;
    try {
      const atB = inbox(b, docName);
      await atB.ready;
      await a.publish({ docName, kind: 'update', updateId: '42', payload: new Uint8Array(20_000) });
      const [message] = await atB.next();
      expect(message).toMatchObject({ docName, kind: 'update', origin: 'a', updateId: '42' });
      expect(message?.payload).toBeUndefined();
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('ignores a foreign NOTIFY on the channel and keeps delivering', async () => {
    const bus = new PostgresBus({ databaseUrl: database.url, instanceId: 'listener' });
    const docName = `doc:${newId()}`;
    const sql = postgres(database.url, { max: 1 });
    try {
      const atBus = inbox(bus, docName);
      await atBus.ready;
      await sql.notify(channelOf(docName), 'not json at all');
      await sql.notify(channelOf(docName), JSON.stringify({ d: docName, k: 'update', o: 'x' }));
      const [message] = await atBus.next();
      expect(message).toEqual({ docName, kind: 'update', origin: 'x' });
      expect(atBus.received).toHaveLength(1);
    } finally {
      await sql.end();
      await bus.close();
    }
  });
});
