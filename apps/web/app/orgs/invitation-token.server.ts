import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { isUlid } from '@specboard/db/ids';
import { auth } from '../auth/auth.server.ts';
import { env } from '../env.server.ts';
import { sendMail } from '../mail/mailer.server.ts';
import { invitationMail } from '../mail/messages.ts';
import { noticeInvitation } from './invitation-notice.server.ts';

// Invitation ids are ULIDs, guessable within a millisecond: the link also carries a random
// secret, kept only as its SHA-256 in better-auth's verifications table.
const identifier = (invitationId: string) => `invitation:${invitationId}`;
const digest = (token: string) => createHash('sha256').update(token).digest();

async function verifications() {
  return (await auth().$context).internalAdapter;
}

function invitationPath(invitationId: string, token: string): string {
  return `/invitations/${invitationId}?token=${encodeURIComponent(token)}`;
}

/**
 * A new secret for the invitation (any earlier one stops working), the mail that carries its
 * link to the invited address, and a notification when that address has an account. better-auth
 * calls this on create and on resend.
 */
export async function mailInvitation(invitation: {
  id: string;
  email: string;
  role: string;
  expiresAt: Date;
  organizationId: string;
  organizationName: string;
  inviterId: string;
  inviterEmail: string;
}): Promise<void> {
  const token = randomBytes(32).toString('base64url');
  const store = await verifications();
  await store.deleteVerificationByIdentifier(identifier(invitation.id));
  await store.createVerificationValue({
    identifier: identifier(invitation.id),
    value: digest(token).toString('hex'),
    expiresAt: invitation.expiresAt,
  });
  await sendMail(
    invitationMail(invitation.email, {
      organizationName: invitation.organizationName,
      inviterEmail: invitation.inviterEmail,
      role: invitation.role,
      url: `${env().BASE_URL}${invitationPath(invitation.id, token)}`,
    }),
  );
  await noticeInvitation({ ...invitation, path: invitationPath(invitation.id, token) });
}

/** Whether `token` is the current, unexpired secret of the invitation. */
export async function invitationTokenMatches(
  invitationId: string,
  token: string | null,
): Promise<boolean> {
  // Anything but an id and a secret of ours is no match (and a NUL byte would fail the query).
  if (!isUlid(invitationId) || !token || !/^[\w-]{43}$/.test(token)) return false;
  const stored = await (await verifications()).findVerificationValue(identifier(invitationId));
  if (!stored || stored.expiresAt < new Date()) return false;
  const expected = Buffer.from(stored.value, 'hex');
  const given = digest(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The secret is single-use: once accepted, the link is spent. */
export async function spendInvitationToken(invitationId: string): Promise<void> {
  await (await verifications()).deleteVerificationByIdentifier(identifier(invitationId));
}
