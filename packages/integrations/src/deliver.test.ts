import { randomBytes } from 'node:crypto';
import {
  createIntegration,
  getDelivery,
  listDeliveries,
  setIntegrationStatus,
} from '@specboard/db/integrations';
import { createTenant, createTestDatabase, type TestDatabase } from '@specboard/db/testing';
import { connectJobClient, integrationDeliverQueue } from '@specboard/jobs';
import type { PgBoss } from 'pg-boss';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealCredentials } from './credentials.ts';
import { DeliveryFailedError, type DeliveryRuntime, deliver } from './deliver.ts';
import { emitOrgEvent } from './emit.ts';
import type { OrgEvent } from './events.ts';
import { createSecretBox } from './secret-box.ts';
import { newSigningSecret } from './signing.ts';
import { FakeReceiver } from './testing/fake-receiver.ts';

let t: TestDatabase;
let boss: PgBoss;
let receiver: FakeReceiver;
const box = createSecretBox({ id: 'test', key: randomBytes(32) });
let runtime: DeliveryRuntime;

beforeAll(async () => {
  t = await createTestDatabase();
  boss = await connectJobClient({ databaseUrl: t.url, schema: 'pgboss_int', onError: () => {} });
  receiver = await FakeReceiver.start();
  runtime = { db: t.db, box, allowPrivate: true, appBaseUrl: 'https://specboard.example' };
});

afterAll(async () => {
  await receiver?.close();
  await boss?.stop({ graceful: false });
  await t?.drop();
});

const cardDone: OrgEvent = {
  kind: 'card.done',
  summary: 'Card “Sign-up form” is done',
  data: { cardId: 'card-1', path: '/orgs/x/projects/y/board' },
};

async function webhook(orgId: string, events: string[] = ['card.done'], url = receiver.url()) {
  const signingSecret = newSigningSecret();
  const integration = await createIntegration(t.db, {
    orgId,
    kind: 'webhook',
    name: 'Receiver',
    config: { events, host: new URL(url).host },
    secretSealed: sealCredentials(box, { url, signingSecret }),
    createdBy: null,
  });
  return { integration, signingSecret };
}

async function emit(orgId: string, event: OrgEvent = cardDone) {
  return t.db.transaction().execute((trx) => emitOrgEvent(boss, trx, orgId, event));
}

describe('emitOrgEvent', () => {
  it('records and enqueues one delivery per active subscriber, with the transaction', async () => {
    const tenant = await createTenant(t.db);
    const subscribed = await webhook(tenant.orgId);
    await webhook(tenant.orgId, ['run.failed']);
    const paused = await webhook(tenant.orgId);
    await setIntegrationStatus(t.db, tenant.orgId, paused.integration.id, 'paused');

    expect(await emit(tenant.orgId)).toBe(1);
    const [delivery] = await listDeliveries(t.db, tenant.orgId, subscribed.integration.id);
    expect(delivery?.status).toBe('pending');
    const jobs = await boss.findJobs(integrationDeliverQueue.name, {
      data: { deliveryId: delivery?.id },
    });
    expect(jobs).toHaveLength(1);

    await expect(
      t.db.transaction().execute(async (trx) => {
        await emitOrgEvent(boss, trx, tenant.orgId, cardDone);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await listDeliveries(t.db, tenant.orgId, subscribed.integration.id)).toHaveLength(1);
  });
});

describe('deliver', () => {
  it('posts a body the reference Standard Webhooks library verifies, and logs the answer', async () => {
    const tenant = await createTenant(t.db);
    const { integration, signingSecret } = await webhook(tenant.orgId);
    await emit(tenant.orgId);
    const [pending] = await listDeliveries(t.db, tenant.orgId, integration.id);
    const before = receiver.received.length;
    expect(await deliver(runtime, tenant.orgId, pending?.id ?? '')).toBe('succeeded');
    const request = receiver.received[before];
    const verified = new Webhook(signingSecret).verify(
      request?.body ?? '',
      request?.headers as Record<string, string>,
    );
    expect(verified).toMatchObject({
      type: 'card.done',
      data: { cardId: 'card-1', url: 'https://specboard.example/orgs/x/projects/y/board' },
    });
    expect(request?.headers['webhook-id']).toBe(pending?.event_id);
    const logged = await getDelivery(t.db, tenant.orgId, pending?.id ?? '');
    expect(logged).toMatchObject({ status: 'succeeded', attempts: 1, response_code: 200 });
    expect(logged?.response_ms).toBeGreaterThanOrEqual(0);
  });

  it('records 5xx, 429 and 401 answers and asks for a retry; a later success sticks', async () => {
    const tenant = await createTenant(t.db);
    const { integration } = await webhook(tenant.orgId);
    await emit(tenant.orgId);
    const [pending] = await listDeliveries(t.db, tenant.orgId, integration.id);
    const id = pending?.id ?? '';
    receiver.respondWith(
      { status: 503, body: 'down for maintenance' },
      { status: 429, headers: { 'retry-after': '30' } },
      { status: 401, body: 'bad token' },
    );
    await expect(deliver(runtime, tenant.orgId, id)).rejects.toThrow(DeliveryFailedError);
    expect((await getDelivery(t.db, tenant.orgId, id))?.last_error).toBe(
      'HTTP 503: down for maintenance',
    );
    await expect(deliver(runtime, tenant.orgId, id)).rejects.toThrow(/answered 429/);
    expect((await getDelivery(t.db, tenant.orgId, id))?.last_error).toBe(
      'HTTP 429 (retry-after 30)',
    );
    await expect(deliver(runtime, tenant.orgId, id)).rejects.toThrow(/answered 401/);
    expect(await deliver(runtime, tenant.orgId, id)).toBe('succeeded');
    expect(await getDelivery(t.db, tenant.orgId, id)).toMatchObject({
      status: 'succeeded',
      attempts: 4,
      response_code: 200,
      last_error: null,
    });
  });

  it('refuses a loopback destination unless private addresses are allowed, without retrying', async () => {
    const tenant = await createTenant(t.db);
    const { integration } = await webhook(tenant.orgId);
    await emit(tenant.orgId);
    const [pending] = await listDeliveries(t.db, tenant.orgId, integration.id);
    const before = receiver.received.length;
    const strict = { ...runtime, allowPrivate: false };
    expect(await deliver(strict, tenant.orgId, pending?.id ?? '')).toBe('refused');
    expect(receiver.received.length).toBe(before);
    expect((await getDelivery(t.db, tenant.orgId, pending?.id ?? ''))?.last_error).toMatch(
      /127\.0\.0\.1, a private, loopback or reserved address/,
    );
  });

  it('skips deliveries of a paused integration', async () => {
    const tenant = await createTenant(t.db);
    const { integration } = await webhook(tenant.orgId);
    await emit(tenant.orgId);
    await setIntegrationStatus(t.db, tenant.orgId, integration.id, 'paused');
    const [pending] = await listDeliveries(t.db, tenant.orgId, integration.id);
    expect(await deliver(runtime, tenant.orgId, pending?.id ?? '')).toBe('skipped');
    expect((await getDelivery(t.db, tenant.orgId, pending?.id ?? ''))?.status).toBe('skipped');
  });

  it('posts a Slack message to a channel of the event’s project, and nothing for other projects', async () => {
    const tenant = await createTenant(t.db);
    const integration = await createIntegration(t.db, {
      orgId: tenant.orgId,
      kind: 'slack',
      name: '#launch',
      config: { events: ['card.done'], projectId: 'project-1', host: 'hooks.slack.test' },
      secretSealed: sealCredentials(box, { url: receiver.url('/slack') }),
      createdBy: null,
    });
    expect(
      await emit(tenant.orgId, { ...cardDone, data: { ...cardDone.data, projectId: 'other' } }),
    ).toBe(0);
    expect(
      await emit(tenant.orgId, { ...cardDone, data: { ...cardDone.data, projectId: 'project-1' } }),
    ).toBe(1);
    const [pending] = await listDeliveries(t.db, tenant.orgId, integration.id);
    const before = receiver.received.length;
    expect(await deliver(runtime, tenant.orgId, pending?.id ?? '')).toBe('succeeded');
    const request = receiver.received[before];
    expect(request?.headers['webhook-signature']).toBeUndefined();
    expect(JSON.parse(request?.body ?? '{}')).toMatchObject({
      text: cardDone.summary,
      blocks: [
        {
          type: 'section',
          text: { text: expect.stringContaining('|Open in Specboard>') },
        },
        { type: 'context' },
      ],
    });
  });
});
