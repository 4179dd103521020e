import { addMember, getMembership } from '@specboard/db/organizations';
import { describe, expect, it } from 'vitest';
import { db } from '../db.server.ts';
import { appRequest, outcome, signUpUser, type TestUser } from '../testing/app-fixture.ts';
import { allRoles, orgWithMembers, setUpTestApp } from '../testing/org-fixture.ts';
import { membersAction, membersLoader } from './members.server.ts';

setUpTestApp();

/** A fresh organisation per test: one member per role plus a target editor to act on. */
async function team() {
  const { orgId, users } = await orgWithMembers({ roles: allRoles });
  const target = await signUpUser('Target Person');
  await addMember(db(), { orgId, userId: target.id, role: 'editor' });
  const loaded = await membersLoader(
    appRequest(`/orgs/${orgId}/members`, { user: users.owner }),
    orgId,
  );
  const memberId = (userId: string) => loaded.members.find((m) => m.userId === userId)?.id ?? '';
  return { orgId, users, target, memberId };
}

function post(user: TestUser, orgId: string, form: Record<string, string>, origin?: string) {
  return outcome(() =>
    membersAction(appRequest(`/orgs/${orgId}/members`, { user, form, origin }), orgId),
  );
}

describe('changing a role', () => {
  it.each(allRoles)('%s: only owners and admins may change a role', async (role) => {
    const { orgId, users, target, memberId } = await team();
    const result = await post(users[role], orgId, {
      intent: 'change-role',
      memberId: memberId(target.id),
      role: 'viewer',
    });
    const allowed = role === 'owner' || role === 'admin';
    expect(result.status).toBe(allowed ? 200 : 403);
    expect(await getMembership(db(), { orgId, userId: target.id })).toEqual({
      role: allowed ? 'viewer' : 'editor',
    });
  });

  it('keeps owners in the hands of owners, and nobody edits their own membership', async () => {
    const { orgId, users, target, memberId } = await team();
    const cases = [
      { by: users.admin, form: { memberId: memberId(users.owner.id), role: 'viewer' } },
      { by: users.admin, form: { memberId: memberId(target.id), role: 'owner' } },
      { by: users.owner, form: { memberId: memberId(users.owner.id), role: 'viewer' } },
    ];
    for (const { by, form } of cases) {
      const result = await post(by, orgId, { intent: 'change-role', ...form });
      expect(result.status).toBe(403);
    }
    expect(await getMembership(db(), { orgId, userId: users.owner.id })).toEqual({ role: 'owner' });
    expect(await getMembership(db(), { orgId, userId: target.id })).toEqual({ role: 'editor' });
  });

  it('answers 400 for an unknown role and 404 for a member of another organisation', async () => {
    const mine = await team();
    const theirs = await team();
    const badRole = await post(mine.users.owner, mine.orgId, {
      intent: 'change-role',
      memberId: mine.memberId(mine.target.id),
      role: 'overlord',
    });
    expect(badRole.status).toBe(400);
    expect(badRole.body).toMatchObject({ fieldErrors: { role: ['Pick a role from the list'] } });
    const foreign = await post(mine.users.owner, mine.orgId, {
      intent: 'change-role',
      memberId: theirs.memberId(theirs.target.id),
      role: 'viewer',
    });
    expect(foreign.status).toBe(404);
    expect(await getMembership(db(), { orgId: theirs.orgId, userId: theirs.target.id })).toEqual({
      role: 'editor',
    });
  });

  it('refuses a change posted from another site', async () => {
    const { orgId, users, target, memberId } = await team();
    const result = await post(
      users.owner,
      orgId,
      { intent: 'change-role', memberId: memberId(target.id), role: 'viewer' },
      'https://evil.example',
    );
    expect(result.status).toBe(403);
  });
});

describe('removing a member', () => {
  it.each(allRoles)('%s: only owners and admins may remove someone', async (role) => {
    const { orgId, users, target, memberId } = await team();
    const result = await post(users[role], orgId, {
      intent: 'remove',
      memberId: memberId(target.id),
    });
    const allowed = role === 'owner' || role === 'admin';
    expect(result.status).toBe(allowed ? 200 : 403);
    const membership = await getMembership(db(), { orgId, userId: target.id });
    expect(membership).toEqual(allowed ? undefined : { role: 'editor' });
  });

  it('lets nobody but an owner remove an owner', async () => {
    const { orgId, users, memberId } = await team();
    const result = await post(users.admin, orgId, {
      intent: 'remove',
      memberId: memberId(users.owner.id),
    });
    expect(result.status).toBe(403);
    expect(await getMembership(db(), { orgId, userId: users.owner.id })).toEqual({ role: 'owner' });
  });
});
