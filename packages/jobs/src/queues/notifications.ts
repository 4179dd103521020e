import { z } from 'zod';
import { scheduledRetry } from '../contract.ts';

/** Every minute: digest email for people whose notifications wait and whose last digest is old enough. */
export const notificationDigestQueue = {
  name: 'notification-digest',
  payload: z.object({}).loose(),
  retry: scheduledRetry,
} as const;
