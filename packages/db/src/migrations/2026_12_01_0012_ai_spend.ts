import { type Kysely, sql } from 'kysely';
import { enableTenantIsolation } from './tenant-isolation.ts';

/**
 * What an organisation allows its AI work to spend (issue 13): which endpoints and models, a
 * monthly budget in tokens and in dollars, how many runs at once and how long a reply may be;
 * and the prices cost is computed from, as data: list prices every organisation starts from,
 * and each organisation's own prices, which win. Also which template a document came from, so
 * its completeness review (now started from the document) checks it against that template.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('org_ai_settings')
    .addColumn('org_id', 'text', (c) => c.primaryKey().references('organizations.id'))
    .addColumn('allowed_providers', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('allowed_models', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('monthly_token_budget', 'bigint', (c) => c.check(sql`monthly_token_budget > 0`))
    .addColumn('monthly_cost_budget_usd', sql`numeric(12, 2)`, (c) =>
      c.check(sql`monthly_cost_budget_usd > 0`),
    )
    .addColumn('max_concurrent_runs', 'integer', (c) => c.check(sql`max_concurrent_runs > 0`))
    .addColumn('max_reply_chars', 'integer', (c) => c.check(sql`max_reply_chars > 0`))
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await enableTenantIsolation(db, 'org_ai_settings');

  // List prices, not tenant data: read by every organisation, changed by migrations or operators.
  await db.schema
    .createTable('ai_price_defaults')
    .addColumn('model', 'text', (c) => c.primaryKey())
    .addColumn('input_per_mtok', sql`numeric(12, 4)`, (c) =>
      c.notNull().check(sql`input_per_mtok >= 0`),
    )
    .addColumn('output_per_mtok', sql`numeric(12, 4)`, (c) =>
      c.notNull().check(sql`output_per_mtok >= 0`),
    )
    .execute();
  await db
    .insertInto('ai_price_defaults')
    .values([
      { model: 'gpt-4o', input_per_mtok: 2.5, output_per_mtok: 10 },
      { model: 'gpt-4o-mini', input_per_mtok: 0.15, output_per_mtok: 0.6 },
      { model: 'gpt-4.1', input_per_mtok: 2, output_per_mtok: 8 },
      { model: 'gpt-4.1-mini', input_per_mtok: 0.4, output_per_mtok: 1.6 },
      { model: 'gpt-4.1-nano', input_per_mtok: 0.1, output_per_mtok: 0.4 },
    ])
    .execute();

  await db.schema
    .createTable('ai_model_prices')
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('input_per_mtok', sql`numeric(12, 4)`, (c) =>
      c.notNull().check(sql`input_per_mtok >= 0`),
    )
    .addColumn('output_per_mtok', sql`numeric(12, 4)`, (c) =>
      c.notNull().check(sql`output_per_mtok >= 0`),
    )
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('ai_model_prices_pkey', ['org_id', 'model'])
    .execute();
  await enableTenantIsolation(db, 'ai_model_prices');

  // A completeness review checks a document against the template it was created from.
  await db.schema
    .alterTable('documents')
    .addColumn('template_id', 'text', (c) => c.references('templates.id'))
    .execute();

  // Counting an organisation's active runs (the concurrency limit) and summing a month's steps.
  await sql`create index plan_runs_org_active_idx on plan_runs (org_id)
    where status in ('queued', 'running')`.execute(db);
  await sql`create index plan_run_steps_org_started_idx on plan_run_steps (org_id, started_at)`.execute(
    db,
  );
}
