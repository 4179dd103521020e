import { listDigestRecipients, sendDigest } from '@specboard/db/notification-digest';
import { notificationDigestQueue } from '@specboard/jobs';
import type { WorkerEnv } from '../env.ts';
import { defineJob, type JobDeps } from '../job.ts';
import { type MailSettings, sendMail } from '../mail/send-mail.ts';
import { digestMail } from '../notify/digest-mail.ts';

export interface DigestSettings {
  intervalMinutes: number;
  baseUrl: string;
  /** The web app's auth secret, which signs unsubscribe links. */
  unsubscribeSecret: string;
  mail: MailSettings;
}

export interface DigestJobDeps extends JobDeps {
  digest: DigestSettings;
}

/** The digest's settings, or null when the worker cannot sign unsubscribe links. */
export function digestSettingsFromEnv(env: WorkerEnv): DigestSettings | null {
  if (!env.BETTER_AUTH_SECRET) return null;
  return {
    intervalMinutes: env.NOTIFICATION_DIGEST_MINUTES,
    baseUrl: env.BASE_URL,
    unsubscribeSecret: env.BETTER_AUTH_SECRET,
    mail: { smtpUrl: env.SMTP_URL, from: env.MAIL_FROM },
  };
}

/**
 * Every minute: one email per person with everything unread and not yet emailed, at most once
 * per `intervalMinutes`. Registered only when the worker can sign unsubscribe links (main.ts).
 * A failed send leaves that person's notifications waiting; the others still go out.
 */
export const notificationDigestJob = defineJob<
  typeof notificationDigestQueue.payload,
  DigestJobDeps
>({
  contract: notificationDigestQueue,
  cron: '* * * * *',
  async perform(_payload, deps) {
    const { digest: settings, db, logger } = deps;
    const recipients = await listDigestRecipients(db, settings.intervalMinutes);
    let sent = 0;
    let failed = 0;
    for (const recipientId of recipients) {
      try {
        const count = await sendDigest(db, recipientId, (digest) =>
          sendMail(db, settings.mail, digestMail(digest, settings)),
        );
        if (count > 0) sent++;
      } catch (error) {
        failed++;
        logger.error(
          { err: error, recipientId },
          'notification digest failed; it waits for the next run',
        );
      }
    }
    return { recipients: recipients.length, sent, failed };
  },
});
