import {
  listNotificationPreferences,
  type NotificationKind,
  notificationKindLabels,
  notificationKinds,
  setNotificationPreference,
} from '@specboard/db';
import { unsubscribeSignatureMatches } from '@specboard/doc/unsubscribe-token';
import { z } from 'zod';
import { requireUser } from '../auth/session.server.ts';
import { db } from '../db.server.ts';
import { env } from '../env.server.ts';
import { badRequest } from '../lib/http.server.ts';
import { invalid, parseForm, readForm } from '../lib/validation.server.ts';
import { assertSameOrigin } from '../security/origin.server.ts';

const channel = z.enum(['in_app', 'email', 'off'], 'Pick in-app, email or off');
const preferencesForm = z.object(
  Object.fromEntries(notificationKinds.map((kind) => [kind, channel])) as Record<
    NotificationKind,
    typeof channel
  >,
);

export async function preferencesLoader(request: Request) {
  const user = await requireUser(request);
  const chosen = await listNotificationPreferences(db(), user.id);
  return {
    preferences: notificationKinds.map((kind) => ({
      kind,
      label: notificationKindLabels[kind],
      channel: chosen[kind],
    })),
  };
}

export async function preferencesAction(request: Request) {
  assertSameOrigin(request);
  const user = await requireUser(request);
  const parsed = parseForm(await readForm(request), preferencesForm);
  if (!parsed.ok) return invalid(parsed.fieldErrors);
  for (const kind of notificationKinds) {
    await setNotificationPreference(db(), user.id, kind, parsed.value[kind]);
  }
  return { ok: true as const, fieldErrors: undefined };
}

const unsubscribeQuery = z.object({
  u: z.string().min(1),
  k: z.enum(notificationKinds),
  s: z.string().min(1),
});

/**
 * One click from a digest: email about that kind is turned off (the inbox keeps it). No session
 * needed, the signature proves the link was mailed to this person; the page offers to undo.
 */
export async function unsubscribeLoader(request: Request) {
  const url = new URL(request.url);
  const parsed = unsubscribeQuery.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) throw badRequest('This unsubscribe link is incomplete.');
  const { u: userId, k: kind, s: signature } = parsed.data;
  if (!unsubscribeSignatureMatches(env().BETTER_AUTH_SECRET, { userId, kind, signature })) {
    throw badRequest('This unsubscribe link is not valid (it may have been cut short).');
  }
  // Only email goes: a kind the person had turned off entirely stays off (not back to in-app).
  if ((await listNotificationPreferences(db(), userId))[kind] === 'email') {
    await setNotificationPreference(db(), userId, kind, 'in_app');
  }
  return { kind, label: notificationKindLabels[kind], query: url.search };
}

/** Undo from the same page: the signed link again proves who it is. */
export async function resubscribeAction(request: Request) {
  assertSameOrigin(request);
  const { kind } = await unsubscribeLoader(request);
  const url = new URL(request.url);
  await setNotificationPreference(db(), url.searchParams.get('u') ?? '', kind, 'email');
  return { resubscribed: true as const };
}
