import { PgBoss } from 'pg-boss';
import type { z } from 'zod';
import type { JobDefinition, JobDeps } from './job.ts';

export interface RunnerOptions {
  databaseUrl: string;
  concurrency: number;
  /** pg-boss schema; tests pass their own. */
  schema?: string;
}

/** Starts pg-boss, creates every queue, schedules the crons and begins working. */
export async function startRunner<Deps extends JobDeps>(
  jobs: readonly JobDefinition<z.ZodType, Deps>[],
  deps: Deps,
  options: RunnerOptions,
): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: options.databaseUrl,
    schema: options.schema ?? 'pgboss',
    application_name: 'specboard-worker',
  });
  boss.on('error', (error: unknown) => deps.logger.error({ err: error }, 'pg-boss error'));
  await boss.start();
  for (const job of jobs) {
    await boss.createQueue(job.queue, job.retry);
    if (job.cron) await boss.schedule(job.queue, job.cron, {}, { tz: 'UTC' });
    await boss.work(
      job.queue,
      { batchSize: 1, localConcurrency: options.concurrency },
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
        return job.perform(payload.data, { ...deps, logger: log, signal: raw.signal });
      },
    );
  }
  return boss;
}
