import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from './client.ts';
import { newId } from './ids.ts';
import { type NotificationKind, notificationKinds } from './notification-kinds.ts';
import { notificationChannelOf } from './notification-preferences.ts';
import { signalNotifications } from './notification-signal.ts';
import { withOrg } from './org-scope.ts';

export {
  type NotificationKind,
  notificationKindLabels,
  notificationKinds,
} from './notification-kinds.ts';
export { type NotificationSignal, notificationsBusTopic } from './notification-signal.ts';

export interface NewNotification {
  orgId: string;
  recipientId: string;
  /** Who caused it; null for the system (a worker job with nobody behind it). */
  actorId: string | null;
  kind: NotificationKind;
  /** One line shown in the inbox and the digest. */
  title: string;
  /** Path inside the app that opens the exact place (`/orgs/…/documents/…#thread-…`). */
  link: string;
}

const newNotificationSchema = z.object({
  orgId: z.string().min(1),
  recipientId: z.string().min(1),
  actorId: z.string().min(1).nullable(),
  kind: z.enum(notificationKinds),
  title: z.string().trim().min(1).max(300),
  link: z.string().startsWith('/').max(2000),
});

/**
 * Tells people about something: applies each recipient's preference for the kind (off: nothing;
 * in-app: inbox only; email: inbox and the digest), skips an actor notifying themselves, inserts
 * per organisation under row-level security, and signals open pages over the bus on commit.
 * Inside a caller's transaction the rows commit (and the signal fires) with it; the caller's
 * organisation scope is restored afterwards.
 */
export async function notifyPeople(db: Db, items: NewNotification[]): Promise<void> {
  const wanted = items
    .map((item) => newNotificationSchema.parse(item))
    .filter((item) => item.recipientId !== item.actorId);
  if (wanted.length === 0) return;
  const channels = await notificationChannelOf(
    db,
    wanted.map((item) => item.recipientId),
  );
  const byOrg = new Map<string, typeof wanted>();
  for (const item of wanted) {
    const channel = channels.get(`${item.recipientId}:${item.kind}`) ?? 'email';
    if (channel === 'off') continue;
    byOrg.set(item.orgId, [...(byOrg.get(item.orgId) ?? []), item]);
  }
  if (byOrg.size === 0) return;
  await keepingScope(db, async () => {
    for (const [orgId, group] of byOrg) {
      await withOrg(db, orgId, async (trx) => {
        await trx
          .insertInto('notifications')
          .values(
            group.map((item) => ({
              id: newId(),
              org_id: item.orgId,
              recipient_id: item.recipientId,
              actor_id: item.actorId,
              kind: item.kind,
              title: item.title,
              link: item.link,
              email_pending: channels.get(`${item.recipientId}:${item.kind}`) !== 'in_app',
            })),
          )
          .execute();
        for (const recipientId of new Set(group.map((item) => item.recipientId))) {
          await signalNotifications(trx, recipientId);
        }
      });
    }
  });
}

/** Runs `fn`, then puts back the organisation scope a surrounding transaction had declared. */
async function keepingScope(db: Db, fn: () => Promise<void>): Promise<void> {
  if (!db.isTransaction) return fn();
  const { rows } = await sql<{ org: string | null; cross: string | null; reason: string | null }>`
    select current_setting('app.org_id', true) as org,
           current_setting('app.cross_tenant', true) as cross,
           current_setting('app.cross_tenant_reason', true) as reason`.execute(db);
  await fn();
  const before = rows[0];
  await sql`select set_config('app.org_id', ${before?.org ?? ''}, true),
                   set_config('app.cross_tenant', ${before?.cross ?? ''}, true),
                   set_config('app.cross_tenant_reason', ${before?.reason ?? ''}, true)`.execute(
    db,
  );
}
