import { sql, type Transaction } from 'kysely';
import type { Db } from './client.ts';
import { isUlid, newId } from './ids.ts';
import { withCrossTenant, withOrg } from './org-scope.ts';
import type { Database, PlanRun, PlanRunStatus, PlanRunStep } from './schema.ts';

export interface NewPlanRunInput {
  orgId: string;
  projectId: string;
  triggeredBy: string | null;
  provider: string;
  model: string;
  inputSnapshot: Record<string, unknown>;
  steps: readonly { step: string; variant?: string; provider?: string; model?: string }[];
}

/**
 * Creates a queued run and its queued steps in one transaction: the caller's when `db` is one
 * (so the run's job can be sent in it too), else its own.
 */
export async function createPlanRun(
  db: Db,
  input: NewPlanRunInput,
): Promise<{ run: PlanRun; steps: PlanRunStep[] }> {
  const write = async (trx: Transaction<Database>) => {
    const run = await trx
      .insertInto('plan_runs')
      .values({
        id: newId(),
        org_id: input.orgId,
        project_id: input.projectId,
        triggered_by: input.triggeredBy,
        provider: input.provider,
        model: input.model,
        input_snapshot: input.inputSnapshot,
        metrics: {},
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const steps =
      input.steps.length === 0
        ? []
        : await trx
            .insertInto('plan_run_steps')
            .values(
              input.steps.map((s) => ({
                id: newId(),
                org_id: input.orgId,
                plan_run_id: run.id,
                step: s.step,
                variant: s.variant ?? 'default',
                provider: s.provider ?? input.provider,
                model: s.model ?? input.model,
                request_meta: {},
                rate_limits: {},
              })),
            )
            .returningAll()
            .execute();
    return { run, steps };
  };
  return withOrg(db, input.orgId, write);
}

/** A run of the organisation with its steps in creation order, or undefined. */
export async function getPlanRun(
  db: Db,
  orgId: string,
  id: string,
): Promise<{ run: PlanRun; steps: PlanRunStep[] } | undefined> {
  if (!isUlid(orgId) || !isUlid(id)) return undefined;
  return withOrg(db, orgId, async (trx) => {
    const run = await trx
      .selectFrom('plan_runs')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!run) return undefined;
    const steps = await trx
      .selectFrom('plan_run_steps')
      .selectAll()
      .where('plan_run_id', '=', id)
      .orderBy('id')
      .execute();
    return { run, steps };
  });
}

/**
 * Runs of every organisation still queued or running that nothing has changed since `before`,
 * oldest first: what the worker's sweep checks for a job that is gone. Cross-tenant, for that
 * maintenance job only.
 */
export async function listIdleUnfinishedRuns(
  db: Db,
  before: Date,
  limit = 50,
): Promise<Pick<PlanRun, 'id' | 'org_id'>[]> {
  return withCrossTenant(
    db,
    'run sweep: idle unfinished runs of every organisation',
    async (trx) => {
      return trx
        .selectFrom('plan_runs')
        .select(['id', 'org_id'])
        .where('status', 'in', ['queued', 'running'])
        .where('updated_at', '<', before)
        .orderBy('updated_at')
        .limit(limit)
        .execute();
    },
  );
}

/** A project's runs, newest first (at most `limit`). */
export async function listPlanRuns(
  db: Db,
  orgId: string,
  projectId: string,
  limit = 50,
): Promise<PlanRun[]> {
  if (!isUlid(orgId) || !isUlid(projectId)) return [];
  return withOrg(db, orgId, async (trx) => {
    return trx
      .selectFrom('plan_runs')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('project_id', '=', projectId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  });
}

/**
 * Ids of the runs that are queued or running, all of them: a project's, or only those about one
 * of its documents (Ask AI, review, tasks from a version: their input names the document).
 */
export async function listActivePlanRunIds(
  db: Db,
  orgId: string,
  scope: { projectId: string; documentId?: string },
): Promise<string[]> {
  if (!isUlid(orgId) || !isUlid(scope.projectId)) return [];
  const { documentId } = scope;
  const rows = await withOrg(db, orgId, (trx) => {
    let query = trx
      .selectFrom('plan_runs')
      .select('id')
      .where('org_id', '=', orgId)
      .where('project_id', '=', scope.projectId)
      .where('status', 'in', ['queued', 'running']);
    if (documentId !== undefined) {
      query = query.where(sql<string>`input_snapshot->>'documentId'`, '=', documentId);
    }
    return query.execute();
  });
  return rows.map((row) => row.id);
}

export async function setPlanRunStatus(
  db: Db,
  orgId: string,
  id: string,
  status: PlanRunStatus,
  details: { errorMessage?: string | null; metrics?: Record<string, unknown> } = {},
): Promise<void> {
  return withOrg(db, orgId, async (trx) => {
    const finished = ['partial', 'failed', 'succeeded', 'cancelled'].includes(status);
    await trx
      .updateTable('plan_runs')
      .set({
        status,
        updated_at: sql`now()`,
        ...(status === 'running' ? { started_at: sql`coalesce(started_at, now())` } : {}),
        ...(finished ? { finished_at: sql`now()` } : {}),
        ...(details.errorMessage !== undefined ? { error_message: details.errorMessage } : {}),
        ...(details.metrics !== undefined ? { metrics: details.metrics } : {}),
      })
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .execute();
  });
}

/** Marks a step running and counts the attempt; returns the attempt number. */
export async function startPlanRunStep(db: Db, orgId: string, stepId: string): Promise<number> {
  return withOrg(db, orgId, async (trx) => {
    const row = await trx
      .updateTable('plan_run_steps')
      .set({
        status: 'running',
        attempt: sql`attempt + 1`,
        started_at: sql`now()`,
        finished_at: null,
        error_message: null,
        updated_at: sql`now()`,
      })
      .where('org_id', '=', orgId)
      .where('id', '=', stepId)
      .returning('attempt')
      .executeTakeFirstOrThrow();
    return row.attempt;
  });
}

export interface StepOutcome {
  status: 'succeeded' | 'failed' | 'cancelled' | 'skipped';
  output?: unknown;
  provider?: string;
  model?: string;
  promptHash?: string | null;
  requestMeta?: Record<string, unknown>;
  rateLimits?: Record<string, unknown>;
  tokensIn?: number | null;
  tokensOut?: number | null;
  costUsd?: number | null;
  latencyMs?: number | null;
  errorMessage?: string | null;
}

export async function finishPlanRunStep(
  db: Db,
  orgId: string,
  stepId: string,
  outcome: StepOutcome,
): Promise<void> {
  return withOrg(db, orgId, async (trx) => {
    await trx
      .updateTable('plan_run_steps')
      .set({
        status: outcome.status,
        finished_at: sql`now()`,
        updated_at: sql`now()`,
        ...(outcome.output !== undefined ? { output: outcome.output } : {}),
        ...(outcome.provider !== undefined ? { provider: outcome.provider } : {}),
        ...(outcome.model !== undefined ? { model: outcome.model } : {}),
        ...(outcome.promptHash !== undefined ? { prompt_hash: outcome.promptHash } : {}),
        ...(outcome.requestMeta !== undefined ? { request_meta: outcome.requestMeta } : {}),
        ...(outcome.rateLimits !== undefined ? { rate_limits: outcome.rateLimits } : {}),
        ...(outcome.tokensIn !== undefined ? { tokens_in: outcome.tokensIn } : {}),
        ...(outcome.tokensOut !== undefined ? { tokens_out: outcome.tokensOut } : {}),
        ...(outcome.costUsd !== undefined ? { cost_usd: outcome.costUsd } : {}),
        ...(outcome.latencyMs !== undefined ? { latency_ms: outcome.latencyMs } : {}),
        ...(outcome.errorMessage !== undefined ? { error_message: outcome.errorMessage } : {}),
      })
      .where('org_id', '=', orgId)
      .where('id', '=', stepId)
      .execute();
  });
}
