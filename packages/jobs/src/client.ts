import { PgBoss } from 'pg-boss';

/**
 * A send-only pg-boss client for processes that enqueue but do not work (the web app): it runs
 * no maintenance or cron supervision, which the worker does.
 */
export async function connectJobClient(options: {
  databaseUrl: string;
  /** pg-boss schema; tests pass their own, matching their worker's. */
  schema?: string;
  onError(error: unknown): void;
}): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: options.databaseUrl,
    schema: options.schema ?? 'pgboss',
    application_name: 'specboard-web',
    supervise: false,
    schedule: false,
    max: 2,
  });
  boss.on('error', options.onError);
  await boss.start();
  return boss;
}
