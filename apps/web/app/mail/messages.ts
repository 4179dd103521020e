import type { Mail } from './mailer.server.ts';

export function verificationMail(to: string, name: string, url: string): Mail {
  return {
    to,
    subject: 'Verify your email for Specboard',
    text: `Hi ${name},\n\nOpen this link to verify your email address:\n\n${url}\n\nIt works for one hour. If you did not sign up for Specboard, ignore this message.\n`,
    links: [url],
  };
}

export function passwordResetMail(to: string, name: string, url: string): Mail {
  return {
    to,
    subject: 'Reset your Specboard password',
    text: `Hi ${name},\n\nOpen this link to choose a new password:\n\n${url}\n\nIt works for one hour. If you did not ask for it, ignore this message: your password stays as it is.\n`,
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
