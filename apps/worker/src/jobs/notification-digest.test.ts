import { type NewNotification, notifyPeople, withCrossTenant } from '@specboard/db';
import { listOutboxMessages } from '@specboard/db/dev-outbox';
import { markNotificationRead } from '@specboard/db/inbox';
import { setNotificationPreference } from '@specboard/db/notification-preferences';
import { addMember, createUser } from '@specboard/db/organizations';
import {
  createTenant,
  createTestDatabase,
  type Tenant,
  type TestDatabase,
} from '@specboard/db/testing';
import { unsubscribeSignatureMatches } from '@specboard/doc/unsubscribe-token';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DigestSettings, notificationDigestJob } from './notification-digest.ts';

const secret = 'a-test-secret-that-is-long-enough-for-hmac';
const settings: DigestSettings = {
  intervalMinutes: 5,
  baseUrl: 'https://specboard.example',
  unsubscribeSecret: secret,
  mail: { from: 'Specboard <no-reply@specboard.example>' },
};

let test: TestDatabase;
let tenant: Tenant;
let bob: { id: string; email: string };
beforeAll(async () => {
  test = await createTestDatabase();
  tenant = await createTenant(test.db);
  const email = `bob-${tenant.orgId}@example.com`;
  bob = { ...(await createUser(test.db, { name: 'Bob Stone', email })), email };
  await addMember(test.db, { orgId: tenant.orgId, userId: bob.id, role: 'editor' });
});
afterAll(async () => {
  await test.drop();
});

const deps = () => ({ db: test.db, logger: pino({ level: 'silent' }), digest: settings });
const digest = () => notificationDigestJob.perform({}, deps());
const note = (title: string, kind: NewNotification['kind'] = 'run_finished'): NewNotification => ({
  orgId: tenant.orgId,
  recipientId: bob.id,
  actorId: null,
  kind,
  title,
  link: `/orgs/${tenant.orgId}/runs/${tenant.projectId}`,
});
const mailTo = () => listOutboxMessages(test.db, { to: bob.email });

/** As if the last digest went out `minutes` ago. */
async function lastDigestAgo(minutes: number) {
  await withCrossTenant(test.db, 'test', (trx) =>
    trx
      .updateTable('notifications')
      .set({ emailed_at: new Date(Date.now() - minutes * 60_000) })
      .where('emailed_at', 'is not', null)
      .execute(),
  );
}

describe('notification digest', () => {
  it('batches everything unread and waiting into one mail with signed unsubscribe links', async () => {
    await notifyPeople(test.db, [note('Run one finished'), note('Run two failed', 'run_failed')]);
    await notifyPeople(test.db, [note('Already seen')]);
    const [seen] = await withCrossTenant(test.db, 'test', (trx) =>
      trx.selectFrom('notifications').select('id').where('title', '=', 'Already seen').execute(),
    );
    await markNotificationRead(test.db, bob.id, seen?.id ?? '');

    expect(await digest()).toMatchObject({ recipients: 1, sent: 1, failed: 0 });
    const [mail, ...others] = await mailTo();
    expect(others).toHaveLength(0);
    expect(mail?.subject).toBe('2 new notifications on Specboard');
    expect(mail?.body).toContain('Run one finished');
    expect(mail?.body).toContain('Run two failed');
    expect(mail?.body).not.toContain('Already seen');
    const unsubscribe = (mail?.links ?? [])
      .map((link) => new URL(link))
      .filter((url) => url.pathname === '/notifications/unsubscribe');
    expect(unsubscribe.map((url) => url.searchParams.get('k')).sort()).toEqual([
      'run_failed',
      'run_finished',
    ]);
    for (const url of unsubscribe) {
      expect(
        unsubscribeSignatureMatches(secret, {
          userId: url.searchParams.get('u') ?? '',
          kind: url.searchParams.get('k') ?? '',
          signature: url.searchParams.get('s') ?? '',
        }),
      ).toBe(true);
    }
  });

  it('sends at most one digest per person per interval', async () => {
    await notifyPeople(test.db, [note('Run three finished')]);
    expect(await digest()).toMatchObject({ recipients: 0, sent: 0 });
    expect(await mailTo()).toHaveLength(1);

    await lastDigestAgo(6);
    expect(await digest()).toMatchObject({ recipients: 1, sent: 1 });
    const [latest] = await mailTo();
    expect(latest?.subject).toBe('A new notification on Specboard');
    expect(latest?.body).toContain('Run three finished');
    expect(latest?.body).not.toContain('Run one finished');
  });

  it('leaves out kinds the person keeps in-app', async () => {
    await lastDigestAgo(6);
    await setNotificationPreference(test.db, bob.id, 'card_assigned', 'in_app');
    await notifyPeople(test.db, [note('Card for you', 'card_assigned')]);
    expect(await digest()).toMatchObject({ recipients: 0, sent: 0 });
    expect(await mailTo()).toHaveLength(2);
  });
});
