import type { OrgRole } from '@specboard/db';
import { listOutboxMessages } from '@specboard/db/dev-outbox';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../db.server.ts';
import { appRequest, outcome, type TestUser } from '../testing/app-fixture.ts';
import { allRoles, orgWithMembers, setUpTestApp } from '../testing/org-fixture.ts';
import { INVITATIONS_PER_ADDRESS_PER_HOUR } from './invitation-limit.server.ts';
import { membersAction, membersLoader } from './members.server.ts';

setUpTestApp();

let orgId: string;
let users: Record<OrgRole, TestUser>;

beforeAll(async () => {
  ({ orgId, users } = await orgWithMembers({ roles: allRoles }));
});

function inviteRequest(user: TestUser, form: Record<string, string>) {
  return appRequest(`/orgs/${orgId}/members`, { user, form });
}

// Accepting an invitation: invitation.test.ts.
describe('invitations', () => {
  it.each(allRoles)('%s: may invite only as owner or admin', async (role) => {
    const result = await outcome(() =>
      membersAction(
        inviteRequest(users[role], { email: `new-${role}@example.com`, role: 'editor' }),
        orgId,
      ),
    );
    expect(result.status).toBe(role === 'owner' || role === 'admin' ? 200 : 403);
  });

  it('mails one address at most a few invitations an hour, whoever sends them', async () => {
    const { orgId: ownOrg, users: own } = await orgWithMembers({ roles: [] });
    const email = 'stranger@example.com';
    const post = (by: TestUser, org: string) =>
      outcome(() =>
        membersAction(
          appRequest(`/orgs/${org}/members`, { user: by, form: { email, role: 'viewer' } }),
          org,
        ),
      );
    const statuses: number[] = [];
    for (let i = 0; i < INVITATIONS_PER_ADDRESS_PER_HOUR; i++) {
      statuses.push((await post(own.owner, ownOrg)).status);
    }
    expect(statuses).toEqual(Array(INVITATIONS_PER_ADDRESS_PER_HOUR).fill(200));
    // Another organisation's owner does not get a fresh budget for the same address.
    const refused = await post(users.owner, orgId);
    expect(refused).toMatchObject({
      status: 429,
      body: { fieldErrors: { email: [expect.stringMatching(/^Too many invitations/)] } },
    });
    const mails = (await listOutboxMessages(db())).filter((m) => m.to === email);
    expect(mails).toHaveLength(INVITATIONS_PER_ADDRESS_PER_HOUR);
  });

  it('answers 400 with field messages for a bad invitation', async () => {
    const result = await outcome(() =>
      membersAction(inviteRequest(users.owner, { email: 'not-an-email', role: 'overlord' }), orgId),
    );
    expect(result.status).toBe(400);
    expect(result.body).toEqual({
      ok: false,
      fieldErrors: { email: ['Enter a valid email address'], role: ['Pick a role from the list'] },
    });
  });

  it('lists members for every role, pending invitations only for those who can invite', async () => {
    const asViewer = await outcome(() =>
      membersLoader(appRequest(`/orgs/${orgId}/members`, { user: users.viewer }), orgId),
    );
    expect(asViewer.status).toBe(200);
    expect(asViewer.body).toMatchObject({ canInvite: false, invitations: [] });
    const asOwner = await outcome(() =>
      membersLoader(appRequest(`/orgs/${orgId}/members`, { user: users.owner }), orgId),
    );
    const body = asOwner.body as Awaited<ReturnType<typeof membersLoader>>;
    expect(body.members.map((m) => m.role).sort()).toEqual(
      expect.arrayContaining(['owner', 'admin', 'editor', 'commenter', 'viewer']),
    );
    expect(body.invitations.length).toBeGreaterThan(0);
  });
});
