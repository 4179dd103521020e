import { listOutboxMessages } from '@specboard/db/dev-outbox';
import { data } from 'react-router';
import { db } from '../db.server.ts';
import { env } from '../env.server.ts';

/** Every kept message, newest first; the page does not exist in production. */
export async function devOutboxLoader() {
  if (env().NODE_ENV === 'production') throw data('Not found', { status: 404 });
  const messages = await listOutboxMessages(db());
  return {
    messages: messages.map((m) => ({
      id: m.id,
      to: m.to,
      subject: m.subject,
      body: m.body,
      links: m.links,
      sentAt: m.createdAt.toISOString(),
    })),
  };
}
