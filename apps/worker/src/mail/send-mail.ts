import type { Db } from '@specboard/db';
import { recordOutboxMessage } from '@specboard/db/dev-outbox';
import { createTransport, type Transporter } from 'nodemailer';

export interface MailSettings {
  /** Unset: mail is kept in the dev outbox (the web app shows it at /dev/outbox). */
  smtpUrl?: string | undefined;
  from: string;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  links: string[];
  /** Extra headers, e.g. List-Unsubscribe. */
  headers?: Record<string, string>;
}

const transports = new Map<string, Transporter>();

/**
 * Sends over SMTP when configured, like the web app's mailer; otherwise records the message in
 * the dev outbox. Links carry secrets, so callers log only the subject.
 */
export async function sendMail(db: Db, settings: MailSettings, mail: OutgoingMail): Promise<void> {
  if (!settings.smtpUrl) {
    await recordOutboxMessage(db, {
      to: mail.to,
      subject: mail.subject,
      body: mail.text,
      links: mail.links,
    });
    return;
  }
  let transport = transports.get(settings.smtpUrl);
  if (!transport) {
    transport = createTransport(settings.smtpUrl);
    transports.set(settings.smtpUrl, transport);
  }
  try {
    await transport.sendMail({
      from: settings.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      ...(mail.headers ? { headers: mail.headers } : {}),
    });
  } catch (error) {
    throw new Error(`could not send "${mail.subject}" over SMTP`, { cause: error });
  }
}
