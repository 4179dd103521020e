import { sql } from 'kysely';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setNotificationPreference } from './notification-preferences.ts';
import { notifyPeople } from './notifications.ts';
import { withCrossTenant, withOrg } from './org-scope.ts';
import { addMember, createUser } from './organizations.ts';
import {
  createTenant,
  createTestDatabase,
  type Tenant,
  type TestDatabase,
} from './testing/index.ts';

let test: TestDatabase;
let tenant: Tenant;
let bob: string;
beforeAll(async () => {
  test = await createTestDatabase();
  tenant = await createTenant(test.db);
  bob = (await createUser(test.db, { name: 'Bob', email: `bob-${tenant.orgId}@example.com` })).id;
  await addMember(test.db, { orgId: tenant.orgId, userId: bob, role: 'editor' });
});
afterAll(async () => {
  await test.drop();
});

function rowsFor(recipientId: string) {
  return withCrossTenant(test.db, 'test', (trx) =>
    trx
      .selectFrom('notifications')
      .selectAll()
      .where('recipient_id', '=', recipientId)
      .orderBy('id')
      .execute(),
  );
}

const mention = (recipientId: string, actorId: string | null) => ({
  orgId: tenant.orgId,
  recipientId,
  actorId,
  kind: 'mentioned' as const,
  title: 'Ada mentioned you in Launch PRD',
  link: `/orgs/${tenant.orgId}/projects/${tenant.projectId}`,
});

describe('notifyPeople', () => {
  it('inserts a notification for the recipient, pending email by default', async () => {
    await notifyPeople(test.db, [mention(bob, tenant.userId)]);
    const rows = await rowsFor(bob);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      org_id: tenant.orgId,
      actor_id: tenant.userId,
      kind: 'mentioned',
      read_at: null,
      email_pending: true,
    });
  });

  it('skips the actor notifying themselves', async () => {
    const before = (await rowsFor(tenant.userId)).length;
    await notifyPeople(test.db, [mention(tenant.userId, tenant.userId)]);
    expect(await rowsFor(tenant.userId)).toHaveLength(before);
  });

  it('applies the preference: off writes nothing, in-app writes no email', async () => {
    const carol = (
      await createUser(test.db, { name: 'Carol', email: `carol-${tenant.orgId}@e.com` })
    ).id;
    await setNotificationPreference(test.db, carol, 'mentioned', 'off');
    await setNotificationPreference(test.db, carol, 'run_finished', 'in_app');
    await notifyPeople(test.db, [
      mention(carol, tenant.userId),
      { ...mention(carol, null), kind: 'run_finished', title: 'Your run finished' },
    ]);
    const rows = await rowsFor(carol);
    expect(rows.map((row) => [row.kind, row.email_pending])).toEqual([['run_finished', false]]);
  });

  it('rejects a link that is not a path inside the app', async () => {
    await expect(
      notifyPeople(test.db, [{ ...mention(bob, null), link: 'https://evil.example' }]),
    ).rejects.toThrow();
  });

  it('signals the recipient over NOTIFY only when the rows commit', async () => {
    const listener = postgres(test.url, { max: 1, onnotice: () => {} });
    const received: string[] = [];
    let delivered = () => {};
    const arrived = new Promise<void>((resolve) => {
      delivered = resolve;
    });
    await listener.listen('specboard:notifications', (text) => {
      const message = JSON.parse(text) as { d: string; p: string };
      received.push(JSON.parse(Buffer.from(message.p, 'base64').toString()).recipientId);
      delivered();
    });
    try {
      await expect(
        withOrg(test.db, tenant.orgId, async (trx) => {
          await notifyPeople(trx, [mention(bob, tenant.userId)]);
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      await notifyPeople(test.db, [mention(bob, tenant.userId)]);
      await arrived;
      expect(received).toEqual([bob]);
    } finally {
      await listener.end();
    }
  });

  it('restores the surrounding transaction scope', async () => {
    const scope = await withOrg(test.db, 'another-org', async (trx) => {
      await notifyPeople(trx, [mention(bob, tenant.userId)]);
      const { rows } = await sql<{ org: string }>`
        select current_setting('app.org_id', true) as org`.execute(trx);
      return rows[0]?.org;
    });
    expect(scope).toBe('another-org');
  });
});
