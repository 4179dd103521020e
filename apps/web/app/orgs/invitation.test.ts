import { getMembership } from '@specboard/db/organizations';
import type { pino } from 'pino';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { auth } from '../auth/auth.server.ts';
import { signUpAction } from '../auth/sign-in.server.ts';
import { db } from '../db.server.ts';
import { logger } from '../logger.server.ts';
import {
  cookieOf,
  lastMailTo,
  linkOf,
  openAuthLink,
  verifyThroughOutbox,
} from '../mail/outbox.testing.ts';
import { appRequest, outcome, signUpUser, type TestUser } from '../testing/app-fixture.ts';
import { orgWithMembers, setUpTestApp } from '../testing/org-fixture.ts';
import { acceptInvitationAction, invitationLoader } from './invitation.server.ts';
import { membersAction } from './members.server.ts';

setUpTestApp();

let orgId: string;
let users: Record<'owner' | 'admin', TestUser>;
const logged: unknown[][] = [];

beforeAll(async () => {
  ({ orgId, users } = await orgWithMembers({ roles: ['owner', 'admin'] }));
  const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
  for (const level of levels) {
    vi.spyOn(logger(), level).mockImplementation(((...args: unknown[]) => {
      logged.push(args);
    }) as pino.LogFn);
  }
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      logged.push(args);
    });
  }
});

afterEach(() => {
  // Whatever a test did, no invitation link and no secret reached a log line.
  const text = JSON.stringify(logged, (_key, value) =>
    value instanceof Error ? { message: value.message, stack: value.stack } : value,
  );
  expect(text).not.toMatch(/\/invitations\//);
  expect(text).not.toMatch(/token=/);
});

/** Invites `email` as an admin of the organisation; returns the mailed link, split up. */
async function invite(email: string, role = 'viewer') {
  const created = await outcome(() =>
    membersAction(
      appRequest(`/orgs/${orgId}/members`, { user: users.admin, form: { email, role } }),
      orgId,
    ),
  );
  expect(created.body).toMatchObject({ ok: true, kind: 'invitation', email });
  const link = new URL(linkOf(await lastMailTo(email, /invited you/)));
  const id = link.pathname.split('/').pop() ?? '';
  return {
    link,
    id,
    token: link.searchParams.get('token') ?? '',
    path: `${link.pathname}${link.search}`,
  };
}

function open(path: string, id: string, user: TestUser) {
  return outcome(() => invitationLoader(appRequest(path, { user }), id));
}

function accept(path: string, id: string, user: TestUser) {
  return outcome(() => acceptInvitationAction(appRequest(path, { user, form: {} }), id));
}

async function verifiedUser(name: string): Promise<TestUser> {
  const user = await signUpUser(name);
  await verifyThroughOutbox(user);
  return user;
}

describe('accepting an invitation', () => {
  it('captures what the app logs (so the checks after each test mean something)', () => {
    logger().info({ probe: true }, 'probe');
    expect(logged.pop()).toEqual([{ probe: true }, 'probe']);
  });

  it('mails a link with a secret that makes the verified invitee a member', async () => {
    const invited = await verifiedUser('Invited');
    const { link, id, path } = await invite(invited.email);
    expect(link.toString()).toMatch(
      /^http:\/\/specboard\.test\/invitations\/[0-9A-Z]{26}\?token=[\w-]{43}$/,
    );
    const page = await open(path, id, invited);
    expect(page.body).toMatchObject({
      state: 'ready',
      invitation: { organizationName: 'Acme', role: 'viewer' },
    });
    expect(await accept(path, id, invited)).toMatchObject({
      status: 302,
      location: `/orgs/${orgId}`,
    });
    expect(await getMembership(db(), { orgId, userId: invited.id })).toEqual({ role: 'viewer' });
    // Spent: the same link does nothing more.
    expect((await open(path, id, invited)).status).toBe(403);
  });

  it('refuses the link opened by someone with another verified email', async () => {
    const stranger = await verifiedUser('Stranger');
    const { id, path } = await invite('someone-else@example.com');
    expect((await open(path, id, stranger)).status).toBe(403);
    expect((await accept(path, id, stranger)).status).toBe(403);
    expect(await getMembership(db(), { orgId, userId: stranger.id })).toBeUndefined();
  });

  it('refuses the invitee without the secret, or with a wrong or old one', async () => {
    const invited = await verifiedUser('Guessing');
    const first = await invite(invited.email);
    const wrong = `${first.token.slice(0, -2)}AA`;
    for (const path of [`/invitations/${first.id}`, `/invitations/${first.id}?token=${wrong}`]) {
      expect((await open(path, first.id, invited)).status).toBe(403);
      expect((await accept(path, first.id, invited)).status).toBe(403);
    }
    // Inviting again mails a fresh secret; the first link stops working.
    const second = await invite(invited.email);
    expect(second.id).toBe(first.id);
    expect((await accept(first.path, first.id, invited)).status).toBe(403);
    expect(await getMembership(db(), { orgId, userId: invited.id })).toBeUndefined();
    expect((await accept(second.path, second.id, invited)).status).toBe(302);
  });

  it('refuses a forged id or secret, NUL bytes included, as not valid (403, not 500)', async () => {
    const invited = await verifiedUser('Forger');
    const { id, token } = await invite(invited.email);
    for (const [forgedId, forgedToken] of [
      ['%00', '%00'],
      [id, `${token.slice(0, 20)}%00${token.slice(21)}`],
      [`${id}%00`, token],
      ['x'.repeat(3000), token],
    ] as const) {
      const path = `/invitations/${forgedId}?token=${forgedToken}`;
      const forged = decodeURIComponent(forgedId);
      expect((await open(path, forged, invited)).status).toBe(403);
      expect((await accept(path, forged, invited)).status).toBe(403);
    }
  });

  it("refuses another invitation's secret", async () => {
    const invited = await verifiedUser('Swapper');
    const mine = await invite(invited.email);
    const other = await invite('other-person@example.com');
    const path = `/invitations/${other.id}?token=${mine.token}`;
    expect((await accept(path, other.id, invited)).status).toBe(403);
  });

  it('asks an unverified account with the right email to verify first', async () => {
    const unverified = await signUpUser('Unverified');
    const { id, path } = await invite(unverified.email);
    const page = await open(path, id, unverified);
    expect(page.body).toMatchObject({ state: 'verify-email', invitation: null });
    expect((await accept(path, id, unverified)).status).toBe(403);
    expect(await getMembership(db(), { orgId, userId: unverified.id })).toBeUndefined();

    await verifyThroughOutbox(unverified);
    expect((await accept(path, id, unverified)).status).toBe(302);
  });

  it('brings someone who signs up from the link back to it through the verification mail', async () => {
    const email = `newcomer-${Date.now()}@example.com`;
    const { id, path } = await invite(email);
    const form = { name: 'Newcomer', email, password: 'correct horse battery', redirectTo: path };
    const signedUp = await outcome(() => signUpAction(appRequest('/sign-up', { form })));
    expect(signedUp.location).toBe(`/check-email?redirectTo=${encodeURIComponent(path)}`);
    const opened = await openAuthLink(linkOf(await lastMailTo(email, /^Verify/)));
    expect(opened.headers.get('location')).toBe(path);
    const newcomer = { id: '', email, cookie: cookieOf(opened) };
    expect(await accept(path, id, newcomer)).toMatchObject({
      status: 302,
      location: `/orgs/${orgId}`,
    });
  });

  it("cannot be accepted through better-auth's HTTP endpoint, which knows nothing of the secret", async () => {
    const invited = await verifiedUser('Direct');
    const { id } = await invite(invited.email);
    const response = await auth().handler(
      new Request('http://specboard.test/api/auth/organization/accept-invitation', {
        method: 'POST',
        headers: {
          cookie: invited.cookie,
          origin: 'http://specboard.test',
          'content-type': 'application/json',
        },
        body: JSON.stringify({ invitationId: id }),
      }),
    );
    expect(response.status).toBe(404);
    expect(await getMembership(db(), { orgId, userId: invited.id })).toBeUndefined();
  });

  it('sends someone signed out to sign in, and back to the same link', async () => {
    const { id, path } = await invite('later@example.com');
    const result = await outcome(() => invitationLoader(appRequest(path), id));
    expect(result).toMatchObject({
      status: 302,
      location: `/sign-in?redirectTo=${encodeURIComponent(path)}`,
    });
  });
});
