import { ensureQueue } from '@specboard/jobs';
import { type JobWithMetadata, PgBoss } from 'pg-boss';
import type { z } from 'zod';
import type { DeadLetteredJob, JobDefinition, JobDeps } from './job.ts';

export interface RunnerOptions {
  databaseUrl: string;
  concurrency: number;
  /** pg-boss schema; tests pass their own. */
  schema?: string;
  /**
   * How often this worker looks for jobs whose heartbeat stopped (their worker died) or that ran
   * past `expireInSeconds`, and retries or dead-letters them. 15 s by default (pg-boss: 60 s), so a
   * killed worker's job moves on within `heartbeatSeconds` + 15 s. Tests pass 1.
   */
  superviseIntervalSeconds?: number;
  /**
   * How often one of the workers (whichever claims the pass) turns due cron schedules into jobs.
   * pg-boss's 30 s by default; tests pass 1 to see many passes race for one minute's occurrence.
   */
  cronMonitorIntervalSeconds?: number;
}

function deadLettered(job: JobWithMetadata<unknown>): DeadLetteredJob | undefined {
  if (job.sourceName === null || job.sourceCreatedOn === null) return undefined;
  return {
    queue: job.sourceName,
    output: job.sourceOutput,
    retries: job.sourceRetryCount ?? 0,
    createdOn: job.sourceCreatedOn,
  };
}

/** Starts pg-boss, creates every queue, schedules the crons and begins working. */
export async function startRunner<Deps extends JobDeps>(
  jobs: readonly JobDefinition<z.ZodType, Deps>[],
  deps: Deps,
  options: RunnerOptions,
): Promise<PgBoss> {
  const supervise = options.superviseIntervalSeconds ?? 15;
  const boss = new PgBoss({
    connectionString: options.databaseUrl,
    schema: options.schema ?? 'pgboss',
    application_name: 'specboard-worker',
    superviseIntervalSeconds: supervise,
    monitorIntervalSeconds: supervise,
    ...(options.cronMonitorIntervalSeconds
      ? { cronMonitorIntervalSeconds: options.cronMonitorIntervalSeconds }
      : {}),
  });
  boss.on('error', (error: unknown) => deps.logger.error({ err: error }, 'pg-boss error'));
  await boss.start();
  for (const job of jobs) {
    await ensureQueue(boss, { name: job.queue, retry: job.retry }, { update: true });
    if (job.cron) await boss.schedule(job.queue, job.cron, {}, { tz: 'UTC' });
    await boss.work(
      job.queue,
      { batchSize: 1, localConcurrency: options.concurrency, includeMetadata: true },
      async ([raw]) => {
        if (!raw) return;
        const payload = job.payload.safeParse(raw.data);
        if (!payload.success) {
          // A malformed payload will never succeed: fail it without retry noise.
          deps.logger.error(
            { queue: job.queue, jobId: raw.id, issues: payload.error.issues },
            'invalid job payload',
          );
          throw new Error(`Invalid payload for ${job.queue}: ${payload.error.message}`);
        }
        const log = deps.logger.child({ queue: job.queue, jobId: raw.id, attempt: raw.retryCount });
        const source = deadLettered(raw);
        return job.perform(payload.data, {
          ...deps,
          logger: log,
          boss,
          signal: raw.signal,
          ...(source ? { deadLettered: source } : {}),
        });
      },
    );
  }
  return boss;
}
