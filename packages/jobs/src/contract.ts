import { z } from 'zod';

export interface JobRetryPolicy {
  retryLimit: number;
  retryDelay: number;
  retryBackoff: boolean;
  expireInSeconds: number;
  /** Workers refresh a heartbeat; a job whose worker died is retried after this long. */
  heartbeatSeconds?: number;
  /** Queue that receives the job once it has failed for good (it must exist first). */
  deadLetter?: string;
}

/**
 * One queue as both sides see it: the web app sends to it, the worker serves it. The payload
 * schema is checked on send and again when the job runs.
 */
export interface QueueContract<Schema extends z.ZodType = z.ZodType> {
  name: string;
  payload: Schema;
  retry: JobRetryPolicy;
}

export const ulid = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a ULID');

/** Policy of the maintenance queues that run on a schedule: a missed minute is not retried. */
export const scheduledRetry: JobRetryPolicy = {
  retryLimit: 0,
  retryDelay: 0,
  retryBackoff: false,
  expireInSeconds: 120,
};
