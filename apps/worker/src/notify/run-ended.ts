import { type Database, type Db, notifyPeople, type PlanRunStatus, withOrg } from '@specboard/db';
import { recordActivity } from '@specboard/db/activity';
import { findRunOwner } from '@specboard/db/notification-subjects';
import { transitionPlanRun } from '@specboard/db/plan-run-progress';
import type { Transaction } from 'kysely';
import { appLinks } from './links.ts';

const wording: Partial<Record<PlanRunStatus, string>> = {
  succeeded: 'finished',
  partial: 'finished with some steps failed',
  failed: 'failed',
};

/**
 * Moves a run from `from` to its final `status` and, only when this call made the change (a
 * retried job finds it done and does nothing), records it in the audit trail and tells the
 * person who started it — all in one transaction. A cancelled run tells nobody: a person
 * cancelled it. `onEnded` runs in that transaction too, only when this call ended the run.
 */
export async function endRun(
  db: Db,
  ref: { orgId: string; runId: string },
  from: readonly PlanRunStatus[],
  status: PlanRunStatus,
  details: { errorMessage?: string | null; metrics?: Record<string, unknown> },
  onEnded?: (trx: Transaction<Database>) => Promise<void>,
): Promise<boolean> {
  return withOrg(db, ref.orgId, async (trx) => {
    const changed = await transitionPlanRun(trx, ref.orgId, ref.runId, from, status, details);
    if (!changed) return false;
    await onEnded?.(trx);
    await recordActivity(trx, {
      orgId: ref.orgId,
      actorId: null,
      resourceType: 'plan_run',
      resourceId: ref.runId,
      action: `run.${status}`,
      changes: details.errorMessage ? { error: details.errorMessage } : {},
    });
    const owner = await findRunOwner(trx, ref.orgId, ref.runId);
    const words = wording[status];
    if (!owner?.triggeredBy || !words) return true;
    await notifyPeople(trx, [
      {
        orgId: ref.orgId,
        recipientId: owner.triggeredBy,
        actorId: null,
        kind: status === 'succeeded' ? 'run_finished' : 'run_failed',
        title: `Your run in ${owner.projectName} ${words}`,
        link: appLinks.run(ref.orgId, ref.runId),
      },
    ]);
    return true;
  });
}
