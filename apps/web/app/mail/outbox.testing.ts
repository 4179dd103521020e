import { listOutboxMessages, type OutboxMessage } from '@specboard/db/dev-outbox';
import { auth } from '../auth/auth.server.ts';
import { db } from '../db.server.ts';
import type { TestUser } from '../testing/app-fixture.ts';

/** The newest message to `to` whose subject matches; fails when there is none. */
export async function lastMailTo(to: string, subject: RegExp): Promise<OutboxMessage> {
  const message = (await listOutboxMessages(db(), { to })).find((m) => subject.test(m.subject));
  if (!message) throw new Error(`no mail to ${to} matching ${subject} in the dev outbox`);
  return message;
}

/** The message's only link. */
export function linkOf(message: OutboxMessage): string {
  const [link] = message.links;
  if (!link || message.links.length !== 1) {
    throw new Error(`expected one link in "${message.subject}", got ${message.links.length}`);
  }
  return link;
}

/** Opens an /api/auth link as a browser would (with `cookie`, if given). */
export function openAuthLink(link: string, cookie?: string): Promise<Response> {
  const headers = new Headers(cookie ? { cookie } : {});
  return auth().handler(new Request(link, { headers }));
}

/** The session cookie a response sets, as a request `cookie` header. */
export function cookieOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** Verifies the user's email through the link mailed at sign-up, like the person would. */
export async function verifyThroughOutbox(user: TestUser): Promise<void> {
  const response = await openAuthLink(linkOf(await lastMailTo(user.email, /^Verify/)));
  if (response.status !== 302) {
    throw new Error(`verification link answered ${response.status} for ${user.email}`);
  }
}
