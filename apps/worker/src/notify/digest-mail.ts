import { type NotificationKind, notificationKindLabels, notificationKinds } from '@specboard/db';
import type { Digest } from '@specboard/db/notification-digest';
import { unsubscribePath } from '@specboard/doc/unsubscribe-token';
import type { OutgoingMail } from '../mail/send-mail.ts';

const isKind = (kind: string): kind is NotificationKind =>
  (notificationKinds as readonly string[]).includes(kind);

/**
 * One digest email: every waiting notification with its link, then one unsubscribe link per
 * kind it contains (signed, one click turns that kind's email off) and the preferences page.
 */
export function digestMail(
  digest: Digest,
  settings: { baseUrl: string; unsubscribeSecret: string },
): OutgoingMail {
  const url = (path: string) => new URL(path, settings.baseUrl).toString();
  const count = digest.items.length;
  const lines = digest.items.flatMap((item) => [
    `- ${item.title} (${item.orgName})`,
    `  ${url(item.link)}`,
  ]);
  const kinds = [...new Set(digest.items.map((item) => item.kind))].filter(isKind);
  const unsubscribe = kinds.map((kind) => ({
    kind,
    link: url(unsubscribePath(settings.unsubscribeSecret, digest.recipientId, kind)),
  }));
  const preferences = url('/settings/notifications');
  const text = [
    `Hi ${digest.name.split(' ')[0] ?? digest.name},`,
    '',
    `${count === 1 ? 'One notification is' : `${count} notifications are`} waiting for you on Specboard:`,
    '',
    ...lines,
    '',
    'Stop emails about:',
    ...unsubscribe.map(({ kind, link }) => `  ${notificationKindLabels[kind]}: ${link}`),
    '',
    `All notification preferences: ${preferences}`,
  ].join('\n');
  const first = unsubscribe[0];
  return {
    to: digest.email,
    subject:
      count === 1 ? 'A new notification on Specboard' : `${count} new notifications on Specboard`,
    text,
    // Two notifications about one thread share a link: listed once (the dev outbox keys by it).
    links: [
      ...new Set([
        ...digest.items.map((item) => url(item.link)),
        ...unsubscribe.map(({ link }) => link),
        preferences,
      ]),
    ],
    ...(first && unsubscribe.length === 1
      ? { headers: { 'List-Unsubscribe': `<${first.link}>` } }
      : {}),
  };
}
