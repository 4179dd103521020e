import { sql, type Transaction } from 'kysely';
import type { Database } from './schema.ts';

/**
 * The Postgres NOTIFY channel and bus wire message that tell web processes a person has new
 * notifications. It matches `@specboard/bus`'s wire format (`channelOf('notifications')`, a
 * `control` message) so a `PostgresBus` subscription to `notificationsBusTopic` receives it; it
 * is sent here, inside the insert's transaction, because NOTIFY is delivered only on commit.
 */
export const notificationsBusTopic = 'notifications';
const notificationsChannel = `specboard:${notificationsBusTopic}`;

export interface NotificationSignal {
  recipientId: string;
}

function signalText(recipientId: string): string {
  const signal: NotificationSignal = { recipientId };
  return JSON.stringify({
    d: notificationsBusTopic,
    k: 'control',
    o: 'db',
    p: Buffer.from(JSON.stringify(signal)).toString('base64'),
    t: Date.now(),
  });
}

/** Tells web processes, when `trx` commits, that `recipientId`'s notifications changed. */
export async function signalNotifications(
  trx: Transaction<Database>,
  recipientId: string,
): Promise<void> {
  await sql`select pg_notify(${notificationsChannel}, ${signalText(recipientId)})`.execute(trx);
}
