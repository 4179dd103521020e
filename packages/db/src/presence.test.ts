import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from './ids.ts';
import {
  deletePresence,
  deletePresenceOfInstances,
  listPresence,
  sweepStalePresence,
  touchInstancePresence,
  upsertPresence,
} from './presence.ts';
import { createTestDatabase, type TestDatabase } from './testing/index.ts';

const org = newId();

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

function entry(connectionId: string, docName: string, instanceId = 'i1') {
  return {
    orgId: org,
    connectionId,
    docName,
    userId: `u-${connectionId}`,
    instanceId,
    state: { user: { name: connectionId } },
  };
}

describe('presence', () => {
  it('lists the connections of a document with their latest state', async () => {
    await upsertPresence(t.db, entry('c1', 'doc:a'));
    await upsertPresence(t.db, entry('c2', 'doc:a'));
    await upsertPresence(t.db, entry('c3', 'doc:b'));
    await upsertPresence(t.db, { ...entry('c1', 'doc:a'), state: { cursor: 3 } });
    const rows = await listPresence(t.db, org, 'doc:a');
    expect(rows.map((r) => [r.connectionId, r.state])).toEqual([
      ['c1', { cursor: 3 }],
      ['c2', { user: { name: 'c2' } }],
    ]);
  });

  it('removes a row when its connection closes', async () => {
    await deletePresence(t.db, org, 'c2');
    expect((await listPresence(t.db, org, 'doc:a')).map((r) => r.connectionId)).toEqual(['c1']);
  });

  it('sweeps rows not seen recently and keeps rows that a heartbeat touched', async () => {
    await upsertPresence(t.db, entry('old', 'doc:c', 'dead'));
    await upsertPresence(t.db, entry('live', 'doc:c', 'alive'));
    await sql`update presence set last_seen_at = now() - interval '10 minutes' where doc_name = 'doc:c'`.execute(
      t.owner,
    );
    expect(await touchInstancePresence(t.db, 'alive')).toBe(1);
    expect(await sweepStalePresence(t.db, 60_000)).toBe(1);
    expect((await listPresence(t.db, org, 'doc:c')).map((r) => r.connectionId)).toEqual(['live']);
  });

  it('deletes every row of dead instances', async () => {
    await upsertPresence(t.db, entry('x1', 'doc:d', 'gone'));
    await upsertPresence(t.db, entry('x2', 'doc:e', 'gone'));
    expect(await deletePresenceOfInstances(t.db, ['gone'])).toBe(2);
    expect(await deletePresenceOfInstances(t.db, [])).toBe(0);
    expect(await listPresence(t.db, org, 'doc:d')).toEqual([]);
  });
});
