import { notifyPeople, withOrg } from '@specboard/db';
import { listDigestRecipients, sendDigest } from '@specboard/db/notification-digest';
import {
  listNotificationPreferences,
  setNotificationPreference,
} from '@specboard/db/notification-preferences';
import { addMember } from '@specboard/db/organizations';
import { unsubscribePath } from '@specboard/doc/unsubscribe-token';
import { describe, expect, it } from 'vitest';
import { db } from '../db.server.ts';
import { env } from '../env.server.ts';
import { membersAction } from '../orgs/members.server.ts';
import { appRequest, BASE_URL, outcome } from '../testing/app-fixture.ts';
import { orgWithMembers, setUpTestApp } from '../testing/org-fixture.ts';
import { inboxAction, inboxLoader } from './inbox.server.ts';
import { preferencesAction, unsubscribeLoader } from './preferences.server.ts';
import { MAX_STREAMS_PER_USER, notificationStream } from './stream.server.ts';

setUpTestApp();

/** Reads `unread` events off a notification stream as they arrive. */
function unreadCounts(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return async function next(): Promise<number> {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const event = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = /^event: unread\ndata: (.*)$/m.exec(event)?.[1];
        if (data) return (JSON.parse(data) as { unread: number }).unread;
        continue;
      }
      const { value, done } = await reader.read();
      if (done) throw new Error('the stream ended');
      buffer += decoder.decode(value, { stream: true });
    }
  };
}

const mention = (orgId: string, recipientId: string, actorId: string) => ({
  orgId,
  recipientId,
  actorId,
  kind: 'mentioned' as const,
  title: 'owner person mentioned you in PRD',
  link: `/orgs/${orgId}/documents/01JB0000000000000000000000#thread-1`,
});

describe('notifications in the web app', () => {
  it('a mention reaches the open bell stream live, and the inbox opens its exact place', async () => {
    const { orgId, users } = await orgWithMembers({ roles: ['editor'] });
    const aborted = new AbortController();
    const request = new Request(appRequest('/api/notifications/stream', { user: users.editor }), {
      signal: aborted.signal,
    });
    const response = await notificationStream(request);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    if (!response.body) throw new Error('no stream body');
    const next = unreadCounts(response.body);
    try {
      expect(await next()).toBe(0);
      await notifyPeople(db(), [mention(orgId, users.editor.id, users.owner.id)]);
      expect(await next()).toBe(1);

      const inbox = await inboxLoader(appRequest('/inbox', { user: users.editor }));
      const [item] = inbox.items;
      expect(item).toMatchObject({ kind: 'mentioned', orgName: 'Acme', readAt: null });
      const opened = await outcome(() =>
        inboxAction(
          appRequest('/inbox', {
            user: users.editor,
            form: { intent: 'open', id: item?.id ?? '' },
          }),
        ),
      );
      expect(opened).toMatchObject({ status: 302, location: item?.link });
      expect(await next()).toBe(0);

      await notifyPeople(db(), [mention(orgId, users.editor.id, users.owner.id)]);
      expect(await next()).toBe(1);
      await inboxAction(appRequest('/inbox', { user: users.editor, form: { intent: 'read-all' } }));
      expect(await next()).toBe(0);
    } finally {
      aborted.abort();
    }
  });

  it('holds at most a few streams open per person, and frees one when its tab goes', async () => {
    const { users } = await orgWithMembers({ roles: [] });
    const open = async () => {
      const aborted = new AbortController();
      const request = new Request(appRequest('/api/notifications/stream', { user: users.owner }), {
        signal: aborted.signal,
      });
      const response = await notificationStream(request);
      // The first count arrives once the stream is set up (and counted).
      if (response.status === 200 && response.body) await unreadCounts(response.body)();
      return { status: response.status, close: () => aborted.abort() };
    };
    const streams = [];
    for (let i = 0; i < MAX_STREAMS_PER_USER; i++) streams.push(await open());
    try {
      expect(streams.map((s) => s.status)).toEqual(Array(MAX_STREAMS_PER_USER).fill(200));
      expect((await open()).status).toBe(429);
      streams.pop()?.close();
      const again = await open();
      streams.push(again);
      expect(again.status).toBe(200);
    } finally {
      for (const stream of streams) stream.close();
    }
  });

  it('refuses the stream without a session and another person’s notification', async () => {
    const { users } = await orgWithMembers({ roles: ['editor'] });
    expect((await notificationStream(appRequest('/api/notifications/stream'))).status).toBe(401);
    const bad = await outcome(() =>
      inboxAction(
        appRequest('/inbox', {
          user: users.editor,
          form: { intent: 'open', id: '01JB0000000000000000000000' },
        }),
      ),
    );
    expect(bad.status).toBe(404);
    const invalid = await outcome(() =>
      inboxAction(appRequest('/inbox', { user: users.editor, form: { intent: 'open', id: 'x' } })),
    );
    expect(invalid.status).toBe(400);
  });

  it('a signed unsubscribe link turns one kind of email off; a forged one is refused', async () => {
    const { users } = await orgWithMembers({ roles: [] });
    const path = unsubscribePath(env().BETTER_AUTH_SECRET, users.owner.id, 'run_failed');
    await unsubscribeLoader(appRequest(path));
    const preferences = await listNotificationPreferences(db(), users.owner.id);
    expect(preferences.run_failed).toBe('in_app');
    expect(preferences.run_finished).toBe('email');
    const forged = path.replace('k=run_failed', 'k=run_finished');
    expect((await outcome(() => unsubscribeLoader(appRequest(forged)))).status).toBe(400);
  });

  it('inviting someone who has an account puts the invitation in their inbox', async () => {
    const { orgId, users } = await orgWithMembers({ roles: [] });
    const { users: elsewhere } = await orgWithMembers({ roles: [] });
    await membersAction(
      appRequest(`/orgs/${orgId}/members`, {
        user: users.owner,
        form: { email: elsewhere.owner.email, role: 'editor' },
      }),
      orgId,
    );
    const inbox = await inboxLoader(appRequest('/inbox', { user: elsewhere.owner }));
    expect(inbox.items.map((item) => [item.kind, item.title])).toEqual([
      ['invited', 'You were invited to Acme'],
    ]);
    expect(inbox.items[0]?.link).toMatch(/^\/invitations\/[0-9A-Z]{26}\?token=/);
  });

  it('the email digest leaves out notifications of an organisation the person has left', async () => {
    const { orgId, users } = await orgWithMembers({ roles: ['editor'] });
    const { orgId: stayed, users: other } = await orgWithMembers({ roles: [] });
    await addMember(db(), { orgId: stayed, userId: users.editor.id, role: 'viewer' });
    await notifyPeople(db(), [
      { ...mention(orgId, users.editor.id, users.owner.id), title: 'secret roadmap in Acme' },
      { ...mention(stayed, users.editor.id, other.owner.id), title: 'still a member here' },
    ]);
    await withOrg(db(), orgId, (trx) =>
      trx
        .deleteFrom('members')
        .where('organization_id', '=', orgId)
        .where('user_id', '=', users.editor.id)
        .execute(),
    );
    const inbox = await inboxLoader(appRequest('/inbox', { user: users.editor }));
    expect(inbox.items.map((item) => item.title)).toEqual(['still a member here']);

    expect(await listDigestRecipients(db(), 60)).toContain(users.editor.id);
    const mailed: string[] = [];
    await sendDigest(db(), users.editor.id, async (digest) => {
      mailed.push(...digest.items.map((item) => item.title));
    });
    expect(mailed).toEqual(['still a member here']);
  });

  it('nobody is queued for a digest of notifications they can no longer see', async () => {
    const { orgId, users } = await orgWithMembers({ roles: ['commenter'] });
    await notifyPeople(db(), [mention(orgId, users.commenter.id, users.owner.id)]);
    await withOrg(db(), orgId, (trx) =>
      trx
        .deleteFrom('members')
        .where('organization_id', '=', orgId)
        .where('user_id', '=', users.commenter.id)
        .execute(),
    );
    expect(await listDigestRecipients(db(), 60)).not.toContain(users.commenter.id);
  });

  it('answers inbox and preference posts that are not forms with 400, not 500', async () => {
    const { users } = await orgWithMembers({ roles: [] });
    const post = (path: string) =>
      new Request(`${BASE_URL}${path}`, {
        method: 'POST',
        headers: {
          cookie: users.owner.cookie,
          origin: BASE_URL,
          'content-type': 'multipart/form-data; boundary=nothing-follows',
        },
        body: 'not multipart at all',
      });
    const inbox = await outcome(() => inboxAction(post('/inbox')));
    expect(inbox).toMatchObject({ status: 400, body: expect.stringMatching(/form/) });
    const settings = await outcome(() => preferencesAction(post('/settings/notifications')));
    expect(settings).toMatchObject({ status: 400, body: expect.stringMatching(/form/) });
  });

  it('an unsubscribe link only turns email off: a kind set to off stays off', async () => {
    const { users } = await orgWithMembers({ roles: [] });
    await setNotificationPreference(db(), users.owner.id, 'mentioned', 'off');
    const path = unsubscribePath(env().BETTER_AUTH_SECRET, users.owner.id, 'mentioned');
    await unsubscribeLoader(appRequest(path));
    expect((await listNotificationPreferences(db(), users.owner.id)).mentioned).toBe('off');
  });
});
