import { sql } from 'kysely';
import type { Db } from './client.ts';
import { withOrg } from './org-scope.ts';

/** Tokens (in + out) and dollars the organisation's model calls used. */
export interface Spend {
  tokens: number;
  costUsd: number;
}

/** First instant of the calendar month (UTC) that `now` falls in: budgets are per month. */
export function monthStart(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

/** What the organisation's steps used since the start of `now`'s month. */
export async function monthSpend(db: Db, orgId: string, now: Date = new Date()): Promise<Spend> {
  const row = await withOrg(db, orgId, (trx) =>
    trx
      .selectFrom('plan_run_steps')
      .select([
        sql<string>`coalesce(sum(coalesce(tokens_in, 0) + coalesce(tokens_out, 0)), 0)`.as(
          'tokens',
        ),
        sql<string>`coalesce(sum(cost_usd), 0)`.as('cost'),
      ])
      .where('org_id', '=', orgId)
      .where('started_at', '>=', monthStart(now))
      .executeTakeFirstOrThrow(),
  );
  return { tokens: Number(row.tokens), costUsd: Number(row.cost) };
}

/** Runs of the organisation that are queued or running (what the concurrency limit counts). */
export async function activeRunCount(db: Db, orgId: string): Promise<number> {
  const row = await withOrg(db, orgId, (trx) =>
    trx
      .selectFrom('plan_runs')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('org_id', '=', orgId)
      .where('status', 'in', ['queued', 'running'])
      .executeTakeFirstOrThrow(),
  );
  return Number(row.count);
}

/**
 * Serialises run creation within one organisation until the caller's transaction ends, so two
 * requests at once cannot both pass the concurrency limit or the budget.
 */
export async function lockAiSpend(trx: Db, orgId: string): Promise<void> {
  if (!trx.isTransaction) throw new Error('lockAiSpend needs a transaction to hold the lock');
  await sql`select pg_advisory_xact_lock(hashtext(${`ai-spend:${orgId}`}))`.execute(trx);
}

/** One group of steps: a month, a project, a model and the person who started the run. */
export interface UsageRow {
  month: string;
  projectId: string;
  projectName: string;
  model: string;
  userId: string | null;
  userName: string | null;
  steps: number;
  failures: number;
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
  latencyMs: number;
}

/** Every step the organisation's runs made since `from`, grouped; totals are sums of steps. */
export async function listUsage(db: Db, orgId: string, from: Date): Promise<UsageRow[]> {
  const rows = await withOrg(db, orgId, (trx) =>
    trx
      .selectFrom('plan_run_steps as s')
      .innerJoin('plan_runs as r', 'r.id', 's.plan_run_id')
      .innerJoin('projects as p', 'p.id', 'r.project_id')
      .leftJoin('users as u', 'u.id', 'r.triggered_by')
      .select([
        sql<string>`to_char(date_trunc('month', s.started_at at time zone 'UTC'), 'YYYY-MM')`.as(
          'month',
        ),
        'r.project_id',
        'p.name as project_name',
        's.model',
        'r.triggered_by',
        'u.name as user_name',
        sql<string>`count(*)`.as('steps'),
        sql<string>`count(*) filter (where s.status = 'failed')`.as('failures'),
        sql<string>`coalesce(sum(s.tokens_in), 0)`.as('tokens_in'),
        sql<string>`coalesce(sum(s.tokens_out), 0)`.as('tokens_out'),
        sql<string>`coalesce(sum(s.cost_usd), 0)`.as('cost_usd'),
        sql<string>`coalesce(sum(s.latency_ms), 0)`.as('latency_ms'),
      ])
      .where('s.org_id', '=', orgId)
      .where('s.started_at', '>=', from)
      .groupBy(['month', 'r.project_id', 'p.name', 's.model', 'r.triggered_by', 'u.name'])
      .orderBy('month')
      .orderBy('p.name')
      .orderBy('s.model')
      .execute(),
  );
  return rows.map((row) => ({
    month: row.month,
    projectId: row.project_id,
    projectName: row.project_name,
    model: row.model,
    userId: row.triggered_by,
    userName: row.user_name,
    steps: Number(row.steps),
    failures: Number(row.failures),
    tokensIn: Number(row.tokens_in),
    tokensOut: Number(row.tokens_out),
    costUsd: Number(row.cost_usd),
    latencyMs: Number(row.latency_ms),
  }));
}
