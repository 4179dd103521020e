import { sql } from 'kysely';
import type { Db } from './client.ts';
import { withCrossTenant } from './org-scope.ts';

/** The digest job reads and marks every organisation's pending mail: maintenance by nature. */
const REASON = 'notification digest';

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
      .selectFrom('notifications as n')
      .select('n.recipient_id')
      .distinct()
      .where('n.email_pending', '=', true)
      .where('n.read_at', 'is', null)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('notifications as sent')
              .select('sent.id')
              .whereRef('sent.recipient_id', '=', 'n.recipient_id')
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
      .selectFrom('notifications as n')
      .innerJoin('organizations as o', 'o.id', 'n.org_id')
      .select(['n.id', 'n.kind', 'n.title', 'n.link', 'o.name as orgName'])
      .where('n.recipient_id', '=', recipientId)
      .where('n.email_pending', '=', true)
      .where('n.read_at', 'is', null)
      .orderBy('n.id')
      .forUpdate('n')
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
