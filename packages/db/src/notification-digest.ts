import { type ExpressionBuilder, sql } from 'kysely';
import type { Db } from './client.ts';
import { withCrossTenant } from './org-scope.ts';
import type { Database } from './schema.ts';

/** The digest job reads and marks every organisation's pending mail: maintenance by nature. */
const REASON = 'notification digest';

/**
 * What the inbox shows, the digest mails: a notification of an organisation the recipient has
 * since left stays out (invitations excepted, they come before joining), so a removed member is
 * not mailed titles of documents and threads they can no longer open.
 */
function stillVisible(eb: ExpressionBuilder<Database, 'notifications'>) {
  return eb.or([
    eb('notifications.kind', '=', 'invited'),
    eb.exists(
      eb
        .selectFrom('members as m')
        .select('m.id')
        .whereRef('m.organization_id', '=', 'notifications.org_id')
        .whereRef('m.user_id', '=', 'notifications.recipient_id'),
    ),
  ]);
}

export interface DigestItem {
  id: string;
  kind: string;
  title: string;
  link: string;
  orgName: string;
}

export interface Digest {
  recipientId: string;
  email: string;
  name: string;
  items: DigestItem[];
}

/**
 * People with unread notifications waiting for email whose last digest went out at least
 * `intervalMinutes` ago (or never): at most one digest per person per interval.
 */
export async function listDigestRecipients(db: Db, intervalMinutes: number): Promise<string[]> {
  return withCrossTenant(db, REASON, async (trx) => {
    const rows = await trx
      .selectFrom('notifications')
      .select('notifications.recipient_id')
      .distinct()
      .where('notifications.email_pending', '=', true)
      .where('notifications.read_at', 'is', null)
      .where(stillVisible)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('notifications as sent')
              .select('sent.id')
              .whereRef('sent.recipient_id', '=', 'notifications.recipient_id')
              .where(
                'sent.emailed_at',
                '>',
                sql<Date>`now() - make_interval(mins => ${intervalMinutes})`,
              ),
          ),
        ),
      )
      .execute();
    return rows.map((row) => row.recipient_id);
  });
}

/**
 * Takes the person's unread notifications waiting for email, hands them to `send` and marks them
 * emailed, in one transaction: a failed send leaves them waiting for the next run; rows another
 * worker holds are skipped. Returns how many were sent (0: nothing waited).
 */
export async function sendDigest(
  db: Db,
  recipientId: string,
  send: (digest: Digest) => Promise<void>,
): Promise<number> {
  return withCrossTenant(db, REASON, async (trx) => {
    const user = await trx
      .selectFrom('users')
      .select(['email', 'name'])
      .where('id', '=', recipientId)
      .executeTakeFirst();
    if (!user) return 0;
    const items = await trx
      .selectFrom('notifications')
      .innerJoin('organizations as o', 'o.id', 'notifications.org_id')
      .select([
        'notifications.id',
        'notifications.kind',
        'notifications.title',
        'notifications.link',
        'o.name as orgName',
      ])
      .where('notifications.recipient_id', '=', recipientId)
      .where('notifications.email_pending', '=', true)
      .where('notifications.read_at', 'is', null)
      .where(stillVisible)
      .orderBy('notifications.id')
      .forUpdate('notifications')
      .skipLocked()
      .execute();
    if (items.length === 0) return 0;
    await send({ recipientId, email: user.email, name: user.name, items });
    await trx
      .updateTable('notifications')
      .set({ emailed_at: sql`now()`, email_pending: false })
      .where(
        'id',
        'in',
        items.map((item) => item.id),
      )
      .execute();
    return items.length;
  });
}
