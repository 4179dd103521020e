import { notifyPeople } from '@specboard/db';
import { findUserIdByEmail } from '@specboard/db/notification-subjects';
import { db } from '../db.server.ts';

/**
 * Tells a person who already has an account about an invitation, in their inbox (the mail goes
 * to the address either way). The link carries the invitation's secret: only the invitee sees
 * their inbox, and it is the same link the mail to their address carries.
 */
export async function noticeInvitation(invitation: {
  organizationId: string;
  organizationName: string;
  inviterId: string;
  email: string;
  path: string;
}): Promise<void> {
  const recipientId = await findUserIdByEmail(db(), invitation.email);
  if (!recipientId) return;
  await notifyPeople(db(), [
    {
      orgId: invitation.organizationId,
      recipientId,
      actorId: invitation.inviterId,
      kind: 'invited',
      title: `You were invited to ${invitation.organizationName}`,
      link: invitation.path,
    },
  ]);
}
