import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appendDocUpdates,
  compactDoc,
  docLogSize,
  docsNeedingCompaction,
  loadDocState,
  readDocUpdatesAfter,
  readDocUpdatesByIds,
  readDocUpdatesSettling,
  updateLogTotals,
} from './doc-log.ts';
import { newId } from './ids.ts';
import { createTestDatabase, type TestDatabase } from './testing/index.ts';

const org = newId();

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const bytes = (...values: number[]) => new Uint8Array(values);
const concat = (parts: Uint8Array[]) => new Uint8Array(parts.flatMap((p) => [...p]));

describe('doc log', () => {
  it('appends rows and loads them back in id order with the snapshot', async () => {
    const ids = await appendDocUpdates(t.db, org, [
      { docName: 'doc:a', update: bytes(1), origin: 'i1' },
      { docName: 'doc:a', update: bytes(2, 2), origin: 'i1' },
      { docName: 'doc:b', update: bytes(9), origin: 'i2' },
    ]);
    expect(ids).toHaveLength(3);
    expect(BigInt(ids[1] ?? 0)).toBeGreaterThan(BigInt(ids[0] ?? 0));
    const state = await loadDocState(t.db, org, 'doc:a');
    expect(state.snapshot).toBeNull();
    expect(state.updates.map((u) => [...u.update])).toEqual([[1], [2, 2]]);
    expect(await docLogSize(t.db, org, 'doc:a')).toEqual({ rows: 2, bytes: 3 });
    expect(
      (await readDocUpdatesAfter(t.db, org, 'doc:a', ids[0] ?? null)).map((u) => u.id),
    ).toEqual([ids[1]]);
    expect(
      (await readDocUpdatesByIds(t.db, org, 'doc:a', [ids[1] ?? '', ids[2] ?? ''])).map(
        (u) => u.id,
      ),
    ).toEqual([ids[1]]);
    expect(await appendDocUpdates(t.db, org, [])).toEqual([]);
  });

  it('compacts into a snapshot and lists only documents over a threshold', async () => {
    expect(await docsNeedingCompaction(t.db, { rows: 2, bytes: 1_000 })).toEqual([
      { orgId: org, docName: 'doc:a' },
    ]);
    const folded = await compactDoc(t.db, org, 'doc:a', (snapshot, updates) =>
      concat([snapshot ?? bytes(), ...updates.map((u) => u.update)]),
    );
    expect(folded).toBe(2);
    const state = await loadDocState(t.db, org, 'doc:a');
    expect([...(state.snapshot ?? [])]).toEqual([1, 2, 2]);
    expect(state.updates).toEqual([]);
    expect(await compactDoc(t.db, org, 'doc:a', () => bytes())).toBe(0);
    expect((await updateLogTotals(t.db)).rows).toBe(1);
  });

  it('keeps a row with a smaller id that commits while compaction runs', async () => {
    let commitLate: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      commitLate = resolve;
    });
    let lateId = '';
    let lateTaken: () => void = () => {};
    const taken = new Promise<void>((resolve) => {
      lateTaken = resolve;
    });
    const late = t.db.transaction().execute(async (trx) => {
      [lateId = ''] = await appendDocUpdates(trx, org, [
        { docName: 'doc:c', update: bytes(1), origin: 'slow' },
      ]);
      lateTaken();
      await gate;
    });
    await taken;
    const [earlyId] = await appendDocUpdates(t.db, org, [
      { docName: 'doc:c', update: bytes(2), origin: 'fast' },
    ]);
    expect(BigInt(earlyId ?? 0)).toBeGreaterThan(BigInt(lateId));
    expect(
      await compactDoc(t.db, org, 'doc:c', (_s, updates) => concat(updates.map((u) => u.update))),
    ).toBe(1);
    commitLate();
    await late;
    const state = await loadDocState(t.db, org, 'doc:c');
    expect([...(state.snapshot ?? [])]).toEqual([2]);
    expect(state.updates.map((u) => u.id)).toEqual([lateId]);
  });

  it('catch-up skips the reader’s own rows but counts them for the settled watermark', async () => {
    const [old, mine, theirs] = await appendDocUpdates(t.db, org, [
      { docName: 'doc:d', update: bytes(1), origin: 'me' },
      { docName: 'doc:d', update: bytes(2), origin: 'me' },
      { docName: 'doc:d', update: bytes(3), origin: 'other' },
    ]);
    await sql`update doc_updates set created_at = now() - interval '1 minute' where id = ${old}::bigint`.execute(
      t.owner,
    );
    const read = await readDocUpdatesSettling(t.db, org, 'doc:d', '0', 10_000, 'me');
    expect(read.updates.map((u) => [u.id, [...u.update]])).toEqual([[theirs, [3]]]);
    expect(read.settledId).toBe(old);
    const all = await readDocUpdatesSettling(t.db, org, 'doc:d', '0', 10_000);
    expect(all.updates.map((u) => u.id)).toEqual([old, mine, theirs]);
  });

  it('compaction keeps the newest time it folds away, never moving it back', async () => {
    const lastChanged = async () =>
      (
        await t.owner
          .selectFrom('doc_activity')
          .select('last_changed_at')
          .where('doc_name', '=', 'doc:e')
          .executeTakeFirst()
      )?.last_changed_at;
    const [older, newer] = await appendDocUpdates(t.db, org, [
      { docName: 'doc:e', update: bytes(1), origin: 'i1' },
      { docName: 'doc:e', update: bytes(2), origin: 'i1' },
    ]);
    await sql`update doc_updates set created_at = '2026-01-01T00:00:00Z' where id = ${older}::bigint`.execute(
      t.owner,
    );
    await sql`update doc_updates set created_at = '2026-01-02T00:00:00Z' where id = ${newer}::bigint`.execute(
      t.owner,
    );
    expect(await lastChanged()).toBeUndefined();
    await compactDoc(t.db, org, 'doc:e', () => bytes(1, 2));
    expect(await lastChanged()).toEqual(new Date('2026-01-02T00:00:00Z'));
    const [late] = await appendDocUpdates(t.db, org, [
      { docName: 'doc:e', update: bytes(3), origin: 'slow' },
    ]);
    await sql`update doc_updates set created_at = '2026-01-01T12:00:00Z' where id = ${late}::bigint`.execute(
      t.owner,
    );
    await compactDoc(t.db, org, 'doc:e', () => bytes(1, 2, 3));
    expect(await lastChanged()).toEqual(new Date('2026-01-02T00:00:00Z'));
  });
});
