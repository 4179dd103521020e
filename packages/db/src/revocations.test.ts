import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from './ids.ts';
import {
  listenForRevocations,
  listRevocations,
  type Revocation,
  type RevocationListener,
  recordRevocation,
} from './revocations.ts';
import { createTestDatabase, type TestDatabase } from './testing/index.ts';

let t: TestDatabase;
let listener: RevocationListener;
const heard: Revocation[] = [];
let listens = 0;
beforeAll(async () => {
  t = await createTestDatabase();
  listener = await listenForRevocations(t.url, {
    onRevocation: (revocation) => heard.push(revocation),
    onListen: () => listens++,
    onInvalid: () => {},
  });
});
afterAll(async () => {
  await listener.close();
  await t.drop();
});

async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('no notification');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('revocations', () => {
  it('keeps one record per subject, moved forward, and notifies each write on commit', async () => {
    const userId = newId();
    const orgId = newId();
    const first = await recordRevocation(t.db, { userId, scope: 'organization', scopeId: orgId });
    const second = await recordRevocation(t.db, { userId, scope: 'organization', scopeId: orgId });
    const everyone = await recordRevocation(t.db, {
      userId: null,
      scope: 'document',
      scopeId: `doc:${newId()}`,
    });
    await recordRevocation(t.db, { userId: null, scope: 'document', scopeId: everyone.scopeId });
    expect(second.revokedAtMs).toBeGreaterThan(first.revokedAtMs);
    expect(Math.abs(first.revokedAtMs - Date.now())).toBeLessThan(5_000);
    const stored = await listRevocations(t.db);
    expect(stored).toHaveLength(2);
    expect(stored).toContainEqual(second);
    await until(() => heard.length === 4);
    expect(heard[1]).toEqual(second);
    expect(heard[2]).toEqual(everyone);
    expect(listens).toBe(1);
  });

  it('listens again after losing its connection and says so, for the caller to reload', async () => {
    await sql`
      select pg_terminate_backend(pid) from pg_stat_activity
      where application_name = 'specboard-revocations' and datname = current_database()
    `.execute(t.db);
    await until(() => listens === 2);
    const heardBefore = heard.length;
    const after = await recordRevocation(t.db, {
      userId: newId(),
      scope: 'project',
      scopeId: newId(),
    });
    await until(() => heard.length > heardBefore);
    expect(heard.at(-1)).toEqual(after);
  });
});
