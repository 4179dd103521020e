import { recordOutboxMessage } from '@specboard/db/dev-outbox';
import { createTransport, type Transporter } from 'nodemailer';
import { db } from '../db.server.ts';
import { env } from '../env.server.ts';
import { logger } from '../logger.server.ts';

export interface Mail {
  to: string;
  subject: string;
  /** Plain text; every URL in `links` appears in it. */
  text: string;
  links: string[];
}

let transport: Transporter | undefined;
let warnedNoSmtp = false;

/**
 * Sends over SMTP when `SMTP_URL` is set; otherwise keeps the message in the dev outbox. Links
 * carry secrets (verification, reset and invitation tokens), so only the subject is logged.
 */
export async function sendMail(mail: Mail): Promise<void> {
  const config = env();
  if (!config.SMTP_URL) {
    if (config.NODE_ENV === 'production' && !warnedNoSmtp) {
      warnedNoSmtp = true;
      logger().warn('SMTP_URL is not set: mail is kept in the dev_outbox table, not delivered');
    }
    await recordOutboxMessage(db(), {
      to: mail.to,
      subject: mail.subject,
      body: mail.text,
      links: mail.links,
    });
    logger().debug({ subject: mail.subject }, 'mail kept in the dev outbox');
    return;
  }
  transport ??= createTransport(config.SMTP_URL);
  try {
    await transport.sendMail({
      from: config.MAIL_FROM,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
    });
  } catch (error) {
    throw new Error(`could not send "${mail.subject}" over SMTP`, { cause: error });
  }
  logger().info({ subject: mail.subject }, 'mail sent');
}
