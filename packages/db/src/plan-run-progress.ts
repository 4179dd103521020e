import { sql } from 'kysely';
import type { Db } from './client.ts';
import { isUlid } from './ids.ts';
import { withOrg } from './org-scope.ts';
import type { PlanRunStatus, PlanRunStepStatus } from './schema.ts';

/**
 * Guarded status changes for plan runs, used by the worker and by "cancel"/"retry" in the web app.
 * Every change names the statuses it may start from, so a cancel that lands while the worker
 * finishes a run is never overwritten (and vice versa).
 */

const finishedRunStatuses: readonly PlanRunStatus[] = [
  'partial',
  'failed',
  'succeeded',
  'cancelled',
];

/**
 * Moves a run of the organisation to `to` when its status is one of `from`; false otherwise.
 * Entering `running` or `queued` clears the previous finish time and error.
 */
export async function transitionPlanRun(
  db: Db,
  orgId: string,
  id: string,
  from: readonly PlanRunStatus[],
  to: PlanRunStatus,
  details: { errorMessage?: string | null; metrics?: Record<string, unknown> } = {},
): Promise<boolean> {
  if (!isUlid(orgId) || !isUlid(id) || from.length === 0) return false;
  return withOrg(db, orgId, async (trx) => {
    const finished = finishedRunStatuses.includes(to);
    const reopened = to === 'running' || to === 'queued';
    const result = await trx
      .updateTable('plan_runs')
      .set({
        status: to,
        updated_at: sql`now()`,
        ...(to === 'running' ? { started_at: sql`coalesce(started_at, now())` } : {}),
        ...(finished ? { finished_at: sql`now()` } : {}),
        ...(reopened ? { finished_at: null, error_message: null } : {}),
        ...(details.errorMessage !== undefined ? { error_message: details.errorMessage } : {}),
        ...(details.metrics !== undefined ? { metrics: details.metrics } : {}),
      })
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .where('status', 'in', [...from])
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  });
}

/** The run's current status, or undefined when it is not the organisation's. */
export async function getPlanRunStatus(
  db: Db,
  orgId: string,
  id: string,
): Promise<PlanRunStatus | undefined> {
  if (!isUlid(orgId) || !isUlid(id)) return undefined;
  return withOrg(db, orgId, async (trx) => {
    const row = await trx
      .selectFrom('plan_runs')
      .select('status')
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row?.status;
  });
}

/**
 * Starts an attempt of a step with the provider and model actually used (the queued row holds
 * the requested ones). Returns the attempt number.
 */
export async function startStepAttempt(
  db: Db,
  orgId: string,
  stepId: string,
  used: { provider: string; model: string },
): Promise<number> {
  return withOrg(db, orgId, async (trx) => {
    const row = await trx
      .updateTable('plan_run_steps')
      .set({
        status: 'running',
        attempt: sql`attempt + 1`,
        provider: used.provider,
        model: used.model,
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

/** Sets the status of a run's steps that are currently in one of `from` (e.g. skip or cancel the rest). */
export async function setRunStepsStatus(
  db: Db,
  orgId: string,
  runId: string,
  from: readonly PlanRunStepStatus[],
  to: PlanRunStepStatus,
  options: { stepIds?: readonly string[]; errorMessage?: string | null } = {},
): Promise<void> {
  if (from.length === 0 || options.stepIds?.length === 0) return;
  return withOrg(db, orgId, async (trx) => {
    let query = trx
      .updateTable('plan_run_steps')
      .set({
        status: to,
        updated_at: sql`now()`,
        ...(to === 'queued' ? { finished_at: null, error_message: null } : {}),
        ...(to !== 'queued' && to !== 'running' ? { finished_at: sql`now()` } : {}),
        ...(options.errorMessage !== undefined ? { error_message: options.errorMessage } : {}),
      })
      .where('org_id', '=', orgId)
      .where('plan_run_id', '=', runId)
      .where('status', 'in', [...from]);
    if (options.stepIds) query = query.where('id', 'in', [...options.stepIds]);
    await query.execute();
  });
}
