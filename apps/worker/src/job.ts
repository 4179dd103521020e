import type { Db } from '@specboard/db';
import type { JobRetryPolicy, QueueContract } from '@specboard/jobs';
import type { PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import type { z } from 'zod';

/** What every job receives besides its payload. */
export interface JobDeps {
  db: Db;
  logger: Logger;
  /**
   * Aborted when pg-boss gives up on this attempt (stopped, expired, claim lost): long jobs
   * pass it on to whatever they wait for.
   */
  signal?: AbortSignal;
  /** The queue client of the worker running the job (set by the runner). */
  boss?: PgBoss;
  /** Set for a job that pg-boss moved into a dead letter queue: the job that failed for good. */
  deadLettered?: DeadLetteredJob;
}

export interface DeadLetteredJob {
  queue: string;
  /** How pg-boss recorded the last failure: a serialised error, or `{ value: { message } }`. */
  output: unknown;
  retries: number;
  createdOn: Date;
}

/**
 * One queue: its name, payload schema, retry policy, optional cron schedule and an idempotent
 * `perform` (a retried job must not duplicate anything). `Deps` is what the process provides
 * besides the basics (the AI jobs also need the bus and the provider settings).
 */
export interface JobDefinition<
  Schema extends z.ZodType = z.ZodType,
  Deps extends JobDeps = JobDeps,
> {
  queue: string;
  payload: Schema;
  retry: JobRetryPolicy;
  /** Cron expression (UTC) when the job also runs on a schedule. */
  cron?: string;
  perform(payload: z.infer<Schema>, deps: Deps): Promise<unknown>;
}

/**
 * Declares the job serving a queue of `@specboard/jobs`: name, payload schema and retry policy
 * come from the contract the senders use, so both sides cannot drift apart.
 */
export function defineJob<Schema extends z.ZodType, Deps extends JobDeps = JobDeps>(job: {
  contract: QueueContract<Schema>;
  cron?: string;
  perform: JobDefinition<Schema, Deps>['perform'];
}): JobDefinition<Schema, Deps> {
  const { contract, cron, perform } = job;
  return {
    queue: contract.name,
    payload: contract.payload,
    retry: contract.retry,
    ...(cron !== undefined ? { cron } : {}),
    perform,
  };
}
