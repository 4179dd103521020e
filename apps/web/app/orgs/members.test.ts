import type { OrgRole } from '@specboard/db';
import { getMembership } from '@specboard/db/organizations';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../db.server.ts';
import { appRequest, outcome, signUpUser, type TestUser } from '../testing/app-fixture.ts';
import { allRoles, orgWithMembers, setUpTestApp } from '../testing/org-fixture.ts';
import { acceptInvitationAction, invitationLoader } from './invitation.server.ts';
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

  it('gives a link that makes the invited person a member with the chosen role', async () => {
    const invited = await signUpUser('Invited Person');
    const created = await outcome(() =>
      membersAction(inviteRequest(users.admin, { email: invited.email, role: 'viewer' }), orgId),
    );
    const link = (created.body as { link: string }).link;
    expect(link).toMatch(/^http:\/\/specboard\.test\/invitations\/[0-9A-Z]{26}$/);
    const id = link.split('/').pop() ?? '';

    const page = await outcome(() =>
      invitationLoader(appRequest(`/invitations/${id}`, { user: invited }), id),
    );
    expect(page.body).toMatchObject({ invitation: { organizationName: 'Acme', role: 'viewer' } });

    const accepted = await outcome(() =>
      acceptInvitationAction(appRequest(`/invitations/${id}`, { user: invited, form: {} }), id),
    );
    expect(accepted).toMatchObject({ status: 302, location: `/orgs/${orgId}` });
    expect(await getMembership(db(), { orgId, userId: invited.id })).toEqual({ role: 'viewer' });
  });

  it('refuses an invitation to someone signed in with another email', async () => {
    const created = await outcome(() =>
      membersAction(
        inviteRequest(users.owner, { email: 'someone-else@example.com', role: 'editor' }),
        orgId,
      ),
    );
    const id = (created.body as { link: string }).link.split('/').pop() ?? '';
    const stranger = await signUpUser('Stranger');
    const result = await outcome(() =>
      acceptInvitationAction(appRequest(`/invitations/${id}`, { user: stranger, form: {} }), id),
    );
    expect(result.status).toBe(403);
    expect(await getMembership(db(), { orgId, userId: stranger.id })).toBeUndefined();
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
