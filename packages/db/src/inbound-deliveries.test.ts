import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimInboundDelivery } from './inbound-deliveries.ts';
import { createIntegration } from './integrations.ts';
import { createTenant, createTestDatabase, type TestDatabase } from './testing/index.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

async function integration() {
  const { orgId } = await createTenant(t.db);
  const created = await createIntegration(t.db, {
    orgId,
    kind: 'jira',
    name: 'Jira',
    config: {},
    secretSealed: 'sealed',
    createdBy: null,
  });
  return { orgId, integrationId: created.id };
}

const delivery = (integrationId: string, deliveryId: string, body: string, keepSeconds = 3600) => ({
  integrationId,
  deliveryId,
  bodySha256: body,
  sentAt: new Date(),
  keepSeconds,
});

describe('inbound deliveries', () => {
  it('claims a delivery once: its id or its body again is refused', async () => {
    const { orgId, integrationId } = await integration();
    expect(await claimInboundDelivery(t.db, orgId, delivery(integrationId, 'd1', 'b1'))).toBe(true);
    expect(await claimInboundDelivery(t.db, orgId, delivery(integrationId, 'd1', 'b2'))).toBe(
      false,
    );
    expect(await claimInboundDelivery(t.db, orgId, delivery(integrationId, 'd2', 'b1'))).toBe(
      false,
    );
    expect(await claimInboundDelivery(t.db, orgId, delivery(integrationId, 'd2', 'b2'))).toBe(true);
  });

  it('keeps each integration’s ids apart and prunes rows past the window', async () => {
    const first = await integration();
    const second = await integration();
    expect(
      await claimInboundDelivery(t.db, first.orgId, delivery(first.integrationId, 'x', 'y')),
    ).toBe(true);
    expect(
      await claimInboundDelivery(t.db, second.orgId, delivery(second.integrationId, 'x', 'y')),
    ).toBe(true);
    // With a window of 0 s every earlier row of the integration is past it, so it is pruned first.
    expect(
      await claimInboundDelivery(t.db, first.orgId, delivery(first.integrationId, 'x', 'y', 0)),
    ).toBe(true);
  });

  it('cannot claim for an integration of another organisation', async () => {
    const mine = await integration();
    const theirs = await integration();
    await expect(
      claimInboundDelivery(t.db, mine.orgId, delivery(theirs.integrationId, 'z', 'z')),
    ).rejects.toThrow(/foreign key/);
  });
});
