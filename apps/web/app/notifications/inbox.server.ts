import { ulidSchema } from '@specboard/db';
import {
  countUnread,
  listInbox,
  markAllNotificationsRead,
  markNotificationRead,
} from '@specboard/db/inbox';
import { redirect } from 'react-router';
import { z } from 'zod';
import { requireUser } from '../auth/session.server.ts';
import { db } from '../db.server.ts';
import { notFound } from '../lib/http.server.ts';
import { invalid, parseForm, readForm } from '../lib/validation.server.ts';
import { assertSameOrigin } from '../security/origin.server.ts';

const PAGE = 50;

export async function inboxLoader(request: Request) {
  const user = await requireUser(request);
  const before = new URL(request.url).searchParams.get('before') ?? undefined;
  const [items, unread] = await Promise.all([
    listInbox(db(), user.id, { limit: PAGE + 1, ...(before ? { before } : {}) }),
    countUnread(db(), user.id),
  ]);
  return {
    user,
    unread,
    items: items.slice(0, PAGE).map((item) => ({
      ...item,
      readAt: item.readAt?.toISOString() ?? null,
      createdAt: item.createdAt.toISOString(),
    })),
    olderThan: items.length > PAGE ? items[PAGE - 1]?.id : undefined,
  };
}

const inboxForm = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('open'), id: ulidSchema }),
  z.object({ intent: z.literal('read'), id: ulidSchema }),
  z.object({ intent: z.literal('read-all') }),
]);

/** Open (mark read, then go to the exact place), mark one read, or mark all read. */
export async function inboxAction(request: Request) {
  assertSameOrigin(request);
  const user = await requireUser(request);
  const parsed = parseForm(await readForm(request), inboxForm);
  if (!parsed.ok) return invalid(parsed.fieldErrors);
  const form = parsed.value;
  if (form.intent === 'read-all') {
    await markAllNotificationsRead(db(), user.id);
    return { ok: true as const, fieldErrors: undefined };
  }
  const link = await markNotificationRead(db(), user.id, form.id);
  if (!link) throw notFound('This notification is not yours or no longer exists.');
  if (form.intent === 'read') return { ok: true as const, fieldErrors: undefined };
  // The link comes from the stored notification, never from the form: no open redirect.
  return redirect(link);
}
