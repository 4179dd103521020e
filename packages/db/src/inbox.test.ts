import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countUnread, listInbox, markAllNotificationsRead, markNotificationRead } from './inbox.ts';
import { notifyPeople } from './notifications.ts';
import { addMember, createUser } from './organizations.ts';
import {
  createTenant,
  createTestDatabase,
  type Tenant,
  type TestDatabase,
} from './testing/index.ts';

let test: TestDatabase;
let tenant: Tenant;
let other: Tenant;
let bob: string;
beforeAll(async () => {
  test = await createTestDatabase();
  tenant = await createTenant(test.db, 'Acme');
  other = await createTenant(test.db, 'Globex');
  bob = (await createUser(test.db, { name: 'Bob', email: `bob-${tenant.orgId}@example.com` })).id;
  await addMember(test.db, { orgId: tenant.orgId, userId: bob, role: 'editor' });
});
afterAll(async () => {
  await test.drop();
});

const item = (orgId: string, kind: 'run_finished' | 'invited', title: string) => ({
  orgId,
  recipientId: bob,
  actorId: null,
  kind,
  title,
  link: `/orgs/${orgId}`,
});

describe('inbox', () => {
  it('lists across organisations, hiding those the person is not in except invitations', async () => {
    await notifyPeople(test.db, [
      item(tenant.orgId, 'run_finished', 'Run finished'),
      item(other.orgId, 'run_finished', 'Not yours to see'),
      item(other.orgId, 'invited', 'Globex invited you'),
    ]);
    const titles = (await listInbox(test.db, bob)).map((row) => row.title).sort();
    expect(titles).toEqual(['Globex invited you', 'Run finished']);
    expect(await countUnread(test.db, bob)).toBe(2);
  });

  it('marks one read, only for its recipient, then all', async () => {
    const [first] = await listInbox(test.db, bob);
    if (!first) throw new Error('expected an inbox item');
    expect(await markNotificationRead(test.db, tenant.userId, first.id)).toBeUndefined();
    expect(await markNotificationRead(test.db, bob, first.id)).toBe(first.link);
    expect(await countUnread(test.db, bob)).toBe(1);
    expect(await markAllNotificationsRead(test.db, bob)).toBeGreaterThan(0);
    expect(await countUnread(test.db, bob)).toBe(0);
  });
});
