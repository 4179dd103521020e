import type { Db } from './client.ts';
import { type NotificationKind, notificationKinds } from './notification-kinds.ts';
import type { NotificationChannel } from './schema.ts';

/** The channel a person chose per kind; a kind they never chose is absent (default: email). */
export async function notificationChannelOf(
  db: Db,
  userIds: string[],
): Promise<Map<string, NotificationChannel>> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom('notification_preferences')
    .select(['user_id', 'kind', 'channel'])
    .where('user_id', 'in', unique)
    .execute();
  return new Map(rows.map((row) => [`${row.user_id}:${row.kind}`, row.channel]));
}

/** Every kind with the person's channel for it (email where they never chose). */
export async function listNotificationPreferences(
  db: Db,
  userId: string,
): Promise<Record<NotificationKind, NotificationChannel>> {
  const chosen = await notificationChannelOf(db, [userId]);
  return Object.fromEntries(
    notificationKinds.map((kind) => [kind, chosen.get(`${userId}:${kind}`) ?? 'email']),
  ) as Record<NotificationKind, NotificationChannel>;
}

export async function setNotificationPreference(
  db: Db,
  userId: string,
  kind: NotificationKind,
  channel: NotificationChannel,
): Promise<void> {
  await db
    .insertInto('notification_preferences')
    .values({ user_id: userId, kind, channel })
    .onConflict((oc) =>
      oc.columns(['user_id', 'kind']).doUpdateSet({ channel, updated_at: new Date() }),
    )
    .execute();
}
