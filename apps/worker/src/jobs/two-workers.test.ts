// Two workers on one database, as in docker compose (`worker` × 2) and `pnpm cluster`: every job
// is performed by one of them only, and each minute job runs once a minute across both.
import { createTestDatabase, type TestDatabase } from '@specboard/db/testing';
import type { PgBoss } from 'pg-boss';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AiJobDeps } from '../ai/deps.ts';
import { createProviderResolver } from '../ai/providers.ts';
import type { JobDefinition } from '../job.ts';
import { startRunner } from '../runner.ts';
import { RecordingBus, waitFor } from '../test-support/ai-harness.ts';
import { jobs } from './index.ts';

const SCHEMA = 'pgboss_two_workers';
let database: TestDatabase;
const performedBy = new Map<number, string[]>();
const busy = new Set<string>();

/** Resolves once both workers have begun a job: neither can finish the queue alone. */
async function bothWorkersBusy(): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (busy.size < 2 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A queue whose jobs say which worker performed them. */
function countingJob(worker: string): JobDefinition<z.ZodType, AiJobDeps> {
  return {
    queue: 'two-workers-probe',
    payload: z.object({ n: z.number().int() }),
    retry: { retryLimit: 0, retryDelay: 1, retryBackoff: false, expireInSeconds: 60 },
    async perform(payload: { n: number }) {
      busy.add(worker);
      await bothWorkersBusy();
      performedBy.set(payload.n, [...(performedBy.get(payload.n) ?? []), worker]);
    },
  };
}

async function startWorker(name: string): Promise<PgBoss> {
  const deps: AiJobDeps = {
    db: database.db,
    logger: pino({ level: 'silent' }),
    bus: new RecordingBus(),
    providers: createProviderResolver({}),
    streamThrottleMs: 50,
    cancelPollMs: 100,
  };
  return startRunner([...jobs, countingJob(name)], deps, {
    databaseUrl: database.url,
    concurrency: 4,
    schema: SCHEMA,
    superviseIntervalSeconds: 1,
    // Every second one of the two claims the cron pass: 60 chances a minute to double a job.
    cronMonitorIntervalSeconds: 1,
  });
}

const workers: PgBoss[] = [];
beforeAll(async () => {
  database = await createTestDatabase();
  workers.push(await startWorker('first'), await startWorker('second'));
});
afterAll(async () => {
  await Promise.all(workers.map((boss) => boss.stop({ graceful: false })));
  await database.drop();
});

/** Reads pg-boss's own tables through the first worker's connection. */
async function query<T extends z.ZodType>(
  row: T,
  text: string,
  values: unknown[],
): Promise<z.infer<T>[]> {
  const [boss] = workers;
  if (!boss) throw new Error('no worker started');
  const result = await boss.getDb().executeSql(text, values);
  return z.array(row).parse(result.rows);
}

const minuteRow = z.object({ name: z.string(), minute: z.date(), jobs: z.number() });
const passRow = z.object({ passed: z.boolean().nullable(), pending: z.number() });

describe('two workers on one queue', () => {
  it('perform each job exactly once between them', async () => {
    const [first] = workers;
    if (!first) throw new Error('no worker started');
    for (let n = 0; n < 20; n++) await first.send('two-workers-probe', { n });
    await waitFor(
      async () => performedBy.size,
      (size) => size === 20,
    );
    const doubled = [...performedBy].filter(([, by]) => by.length > 1);
    expect(doubled).toEqual([]);
    expect(new Set([...performedBy.values()].flat())).toEqual(new Set(['first', 'second']));
  });

  it('run each minute job once a minute, whichever worker claims the cron pass', async () => {
    const minuteQueues = jobs.filter((job) => job.cron === '* * * * *').map((job) => job.queue);
    expect(minuteQueues.length).toBeGreaterThan(0);
    const perMinute = () =>
      query(
        minuteRow,
        `select name, date_trunc('minute', created_on) as minute, count(*)::int as jobs
         from ${SCHEMA}.job where name = any($1) group by 1, 2`,
        [minuteQueues],
      );
    // The first minute boundary after start: every minute job has been created once.
    const first = await waitFor(
      perMinute,
      (rows) => new Set(rows.map((row) => row.name)).size === minuteQueues.length,
      75_000,
    );
    expect(first.length).toBeGreaterThan(0);
    // Then five more seconds of cron passes, and every occurrence they forwarded has been sent on.
    await waitFor(
      () =>
        query(
          passRow,
          `select (select cron_on from ${SCHEMA}.version) > (select max(created_on) + interval '5 seconds'
                    from ${SCHEMA}.job where name = any($1)) as passed,
                  (select count(*)::int from ${SCHEMA}.job
                    where name = '__pgboss__send-it' and state in ('created', 'retry', 'active')) as pending`,
          [minuteQueues],
        ),
      ([row]) => row?.passed === true && row.pending === 0,
      30_000,
    );
    expect((await perMinute()).filter((row) => row.jobs !== 1)).toEqual([]);
  }, 120_000);
});
