import { listActivePlanRunIds } from '@specboard/db/plan-runs';
import { cancelPlanRun } from '@specboard/jobs';
import { db } from '../db.server.ts';

/**
 * Cancels the queued and running AI runs of a project, or of one of its documents, going to the
 * trash: the worker would otherwise go on writing drafts, suggestions and cards into it.
 */
export async function cancelActiveRuns(
  orgId: string,
  scope: { projectId: string; documentId?: string },
): Promise<void> {
  for (const runId of await listActivePlanRunIds(db(), orgId, scope)) {
    await cancelPlanRun(db(), { orgId, runId });
  }
}
