import type { Transaction } from 'kysely';
import type { Db } from './client.ts';
import { isUlid } from './ids.ts';
import { signalNotifications } from './notification-signal.ts';
import { withCrossTenant } from './org-scope.ts';
import type { Database } from './schema.ts';

/**
 * A person's inbox spans every organisation they belong to, so it reads across tenants, always
 * filtered to `recipient_id`. Notifications from an organisation the person has since left are
 * hidden, except invitations (sent before they joined).
 */
const REASON = "a person's own inbox";

export interface InboxItem {
  id: string;
  orgId: string;
  orgName: string;
  kind: string;
  title: string;
  link: string;
  actorName: string | null;
  readAt: Date | null;
  createdAt: Date;
}

function visibleTo(trx: Transaction<Database>, userId: string) {
  return trx
    .selectFrom('notifications as n')
    .where('n.recipient_id', '=', userId)
    .where((eb) =>
      eb.or([
        eb('n.kind', '=', 'invited'),
        eb.exists(
          eb
            .selectFrom('members as m')
            .select('m.id')
            .whereRef('m.organization_id', '=', 'n.org_id')
            .where('m.user_id', '=', userId),
        ),
      ]),
    );
}

/** Newest first; `before` (a notification id) pages back. */
export async function listInbox(
  db: Db,
  userId: string,
  options: { limit?: number; before?: string } = {},
): Promise<InboxItem[]> {
  return withCrossTenant(db, REASON, async (trx) => {
    let query = visibleTo(trx, userId)
      .innerJoin('organizations as o', 'o.id', 'n.org_id')
      .leftJoin('users as u', 'u.id', 'n.actor_id')
      .select([
        'n.id',
        'n.org_id as orgId',
        'o.name as orgName',
        'n.kind',
        'n.title',
        'n.link',
        'u.name as actorName',
        'n.read_at as readAt',
        'n.created_at as createdAt',
      ]);
    if (options.before && isUlid(options.before)) query = query.where('n.id', '<', options.before);
    return query
      .orderBy('n.id', 'desc')
      .limit(options.limit ?? 50)
      .execute();
  });
}

export async function countUnread(db: Db, userId: string): Promise<number> {
  return withCrossTenant(db, REASON, async (trx) => {
    const row = await visibleTo(trx, userId)
      .where('n.read_at', 'is', null)
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .executeTakeFirstOrThrow();
    return Number(row.count);
  });
}

/**
 * Marks one of the person's notifications read and returns its link (where it points), or
 * undefined when it is not theirs.
 */
export async function markNotificationRead(
  db: Db,
  userId: string,
  notificationId: string,
): Promise<string | undefined> {
  if (!isUlid(notificationId)) return undefined;
  return withCrossTenant(db, REASON, async (trx) => {
    const found = await trx
      .selectFrom('notifications')
      .select(['link', 'read_at'])
      .where('id', '=', notificationId)
      .where('recipient_id', '=', userId)
      .executeTakeFirst();
    if (!found) return undefined;
    if (found.read_at === null) {
      await trx
        .updateTable('notifications')
        .set({ read_at: new Date() })
        .where('id', '=', notificationId)
        .execute();
      await signalNotifications(trx, userId);
    }
    return found.link;
  });
}

/** Marks every unread notification of the person read; returns how many changed. */
export async function markAllNotificationsRead(db: Db, userId: string): Promise<number> {
  return withCrossTenant(db, REASON, async (trx) => {
    const result = await trx
      .updateTable('notifications')
      .set({ read_at: new Date() })
      .where('recipient_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirst();
    const changed = Number(result.numUpdatedRows);
    if (changed > 0) await signalNotifications(trx, userId);
    return changed;
  });
}
