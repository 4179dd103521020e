import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimNewMentions } from './document-mentions.ts';
import { createDocument } from './documents.ts';
import { withOrg } from './org-scope.ts';
import { addMember, createUser } from './organizations.ts';
import { createTenant, createTestDatabase, type TestDatabase } from './testing/index.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

async function setUp() {
  const tenant = await createTenant(t.db);
  const document = await createDocument(t.db, {
    orgId: tenant.orgId,
    projectId: tenant.projectId,
    type: 'notes',
    title: 'Notes',
    createdBy: tenant.userId,
  });
  if (!document) throw new Error('no document');
  const bob = (await createUser(t.db, { name: 'Bob', email: `bob-${tenant.orgId}@example.com` }))
    .id;
  await addMember(t.db, { orgId: tenant.orgId, userId: bob, role: 'viewer' });
  const claim = (orgId: string, counts: [string, number][]) =>
    withOrg(t.db, orgId, (trx) => claimNewMentions(trx, orgId, document.id, new Map(counts)));
  return { tenant, document, bob, claim };
}

describe('claiming new mentions', () => {
  it('claims a member once per mention above the most ever claimed, never a non-member', async () => {
    const { tenant, bob, claim } = await setUp();
    const stranger = (await createUser(t.db, { name: 'S', email: `s-${bob}@example.com` })).id;
    expect(
      await claim(tenant.orgId, [
        [bob, 1],
        [stranger, 3],
      ]),
    ).toEqual([bob]);
    expect(await claim(tenant.orgId, [[bob, 1]])).toEqual([]);
    expect(await claim(tenant.orgId, [])).toEqual([]);
    expect(await claim(tenant.orgId, [[bob, 2]])).toEqual([bob]);
    expect(await claim(tenant.orgId, [[bob, 1]])).toEqual([]);
  });

  it('of two concurrent checks, exactly one claims the person', async () => {
    const { tenant, bob, claim } = await setUp();
    const results = await Promise.all([
      claim(tenant.orgId, [[bob, 1]]),
      claim(tenant.orgId, [[bob, 1]]),
    ]);
    expect(results.flat()).toEqual([bob]);
  });

  it('cannot record mentions against a document of another organisation', async () => {
    const { bob, claim } = await setUp();
    const other = await createTenant(t.db, 'Other');
    await addMember(t.db, { orgId: other.orgId, userId: bob, role: 'viewer' });
    await expect(claim(other.orgId, [[bob, 1]])).rejects.toThrow(
      /document_mentions_document_id_org_fk|foreign key/,
    );
  });
});
