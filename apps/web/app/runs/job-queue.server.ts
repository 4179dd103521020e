import type { EnqueueDeps } from '@specboard/jobs';
import { connectJobClient } from '@specboard/jobs';
import { db } from '../db.server.ts';
import { env } from '../env.server.ts';
import { logger } from '../logger.server.ts';

let boss: Promise<EnqueueDeps['boss']> | undefined;

/**
 * The pg-boss client this process enqueues with, connected on first use, and whether the worker
 * has an AI endpoint (without one, runs are free and no budget refuses them).
 */
export async function jobQueue(): Promise<EnqueueDeps> {
  boss ??= connectJobClient({
    databaseUrl: env().DATABASE_URL,
    onError: (error) => logger().error({ err: error }, 'job queue error'),
  }).catch((error: unknown) => {
    boss = undefined;
    throw new Error('could not connect to the job queue', { cause: error });
  });
  return {
    db: db(),
    boss: await boss,
    aiEndpoint: { configured: env().AI_ENDPOINT_CONFIGURED },
  };
}

/** Stops the client (tests, shutdown). */
export async function closeJobQueue(): Promise<void> {
  const current = boss;
  boss = undefined;
  if (current) await (await current).stop({ graceful: false });
}
