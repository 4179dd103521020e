import type { Mail } from './mailer.server.ts';

/**
 * Account mails name nobody: whoever signs up (or asks for a reset) chooses the account's name
 * and the address, which need not be theirs, so a name in the greeting would put a stranger's
 * text ("your account is locked, go to …") into a mail Specboard sends.
 */
export function verificationMail(to: string, url: string): Mail {
  return {
    to,
    subject: 'Verify your email for Specboard',
    text: `Hello,\n\nOpen this link to verify your email address:\n\n${url}\n\nIt works for one hour. If you did not sign up for Specboard, ignore this message.\n`,
    links: [url],
  };
}

export function passwordResetMail(to: string, url: string): Mail {
  return {
    to,
    subject: 'Reset your Specboard password',
    text: `Hello,\n\nOpen this link to choose a new password:\n\n${url}\n\nIt works for one hour. If you did not ask for it, ignore this message: your password stays as it is.\n`,
    links: [url],
  };
}

export function invitationMail(
  to: string,
  invitation: { organizationName: string; inviterEmail: string; role: string; url: string },
): Mail {
  const { organizationName, inviterEmail, role, url } = invitation;
  return {
    to,
    subject: `${inviterEmail} invited you to ${organizationName} on Specboard`,
    text: `${inviterEmail} invited you to join ${organizationName} on Specboard as ${role}.\n\nOpen this link to accept (sign in or create an account with this email address):\n\n${url}\n\nIt works for 7 days.\n`,
    links: [url],
  };
}
