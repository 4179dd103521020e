import type { Db } from './client.ts';

export interface OutboxMessage {
  id: string;
  to: string;
  subject: string;
  body: string;
  links: string[];
  createdAt: Date;
}

export interface NewOutboxMessage {
  to: string;
  subject: string;
  body: string;
  links: string[];
}

/** Keeps a message that would have been mailed (no SMTP server configured). */
export async function recordOutboxMessage(db: Db, message: NewOutboxMessage): Promise<void> {
  await db
    .insertInto('dev_outbox')
    .values({
      to_address: message.to,
      subject: message.subject,
      body: message.body,
      links: message.links,
    })
    .execute();
}

/** The newest messages first; only those to `to` (any case) when given. */
export async function listOutboxMessages(
  db: Db,
  options: { to?: string; limit?: number } = {},
): Promise<OutboxMessage[]> {
  let query = db
    .selectFrom('dev_outbox')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(options.limit ?? 200);
  if (options.to !== undefined) {
    const to = options.to.toLowerCase();
    query = query.where((eb) => eb(eb.fn('lower', ['to_address']), '=', to));
  }
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    to: row.to_address,
    subject: row.subject,
    body: row.body,
    links: row.links,
    createdAt: row.created_at,
  }));
}
