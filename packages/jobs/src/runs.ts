import type { Db } from '@specboard/db';
import { getDocument } from '@specboard/db/documents';
import { setRunStepsStatus, transitionPlanRun } from '@specboard/db/plan-run-progress';
import { getPlanRun } from '@specboard/db/plan-runs';
import { getProject } from '@specboard/db/projects';
import { getVersion } from '@specboard/db/versions';
import type { PgBoss } from 'pg-boss';
import {
  planRunQueue,
  planStepQueue,
  type RetryableStepName,
  type RunInput,
  retryableStepSchema,
  reviewQueue,
  suggestQueue,
  type VariantChoice,
  versionTasksQueue,
} from './queues/ai.ts';
import {
  EnqueueError,
  type PlanRunRequest,
  planRunRequestSchema,
  type ReviewRequest,
  reviewRequestSchema,
  type SuggestRequest,
  stepRows,
  suggestRequestSchema,
  type VersionTasksRequest,
  versionTasksRequestSchema,
} from './run-requests.ts';
import { send } from './send.ts';
import { type AiEndpoint, assertRunAllowed, createAllowedRun } from './spend-guard.ts';

/**
 * How the web app starts, retries and cancels AI work. Each function writes the run rows and
 * sends a job that only names the run in one transaction, so there is never a run without its
 * job nor a job without its run; the worker reads everything else from the rows.
 */
export interface EnqueueDeps {
  db: Db;
  boss: PgBoss;
  /** Whether the worker has an AI endpoint; without one every run is free (offline templates). */
  aiEndpoint?: AiEndpoint;
}

/** "Generate" on a project: a queued run of prd → tech → breakdown → tasks. */
export async function enqueuePlanRun(
  deps: EnqueueDeps,
  request: PlanRunRequest,
): Promise<{ runId: string }> {
  const input = planRunRequestSchema.parse(request);
  const found = await getProject(deps.db, input.orgId, input.projectId);
  if (!found || found.deleted_at) throw new EnqueueError('not_found', 'project not found');
  const project = input.provider
    ? { ...found, preferred_provider: input.provider, preferred_model: null }
    : found;
  const snapshot: RunInput = { kind: 'plan', idea: project.idea, constraints: project.constraints };
  return deps.db.transaction().execute(async (trx) => {
    const { run } = await createAllowedRun(
      trx,
      {
        orgId: input.orgId,
        projectId: project.id,
        triggeredBy: input.triggeredBy,
        provider: project.preferred_provider ?? 'auto',
        model: project.preferred_model ?? 'default',
        inputSnapshot: snapshot,
        steps: [
          ...stepRows('prd', input.variants.prd, project),
          ...stepRows('tech', input.variants.tech, project),
          ...stepRows('breakdown', undefined, project),
          ...stepRows('tasks', undefined, project),
        ],
      },
      deps.aiEndpoint,
    );
    await send(deps.boss, planRunQueue, { orgId: input.orgId, runId: run.id }, { db: trx });
    return { runId: run.id };
  });
}

/**
 * Runs one failed, skipped or cancelled step of a finished run again, then the steps after it
 * that have not succeeded. Also how a run continues once a PRD variant has been accepted.
 * An "Ask AI" or review run has one step: its variants that did not succeed run again.
 */
export async function enqueueStepRetry(
  deps: EnqueueDeps,
  request: { orgId: string; runId: string; step: RetryableStepName },
): Promise<void> {
  const step = retryableStepSchema.parse(request.step);
  const found = await getPlanRun(deps.db, request.orgId, request.runId);
  if (!found) throw new EnqueueError('not_found', 'run not found');
  // The worker writes into the project's documents and board, which stay read-only in the trash.
  const project = await getProject(deps.db, request.orgId, found.run.project_id);
  if (!project || project.deleted_at) {
    throw new EnqueueError(
      'not_retryable',
      'its project is in the trash, so it is read-only: restore the project first',
    );
  }
  const { documentId } = found.run.input_snapshot as { documentId?: unknown };
  if (typeof documentId === 'string' && !(await getDocument(deps.db, request.orgId, documentId))) {
    throw new EnqueueError(
      'not_retryable',
      'its document is in the trash, so it is read-only: restore the document first',
    );
  }
  const rows = found.steps.filter((row) => row.step === step);
  if (rows.length === 0) throw new EnqueueError('not_found', `the run has no "${step}" step`);
  if (rows.every((row) => row.status === 'succeeded')) {
    throw new EnqueueError('not_retryable', `every variant of "${step}" already succeeded`);
  }
  const kind = (found.run.input_snapshot as { kind?: unknown }).kind;
  await deps.db.transaction().execute(async (trx) => {
    // A retry spends like a new run: the same limits apply before it is reopened.
    await assertRunAllowed(trx, request.orgId, rows, deps.aiEndpoint);
    const reopened = await transitionPlanRun(
      trx,
      request.orgId,
      request.runId,
      ['partial', 'failed', 'cancelled'],
      'queued',
    );
    if (!reopened) throw new EnqueueError('not_retryable', 'the run is still in progress');
    const ref = { orgId: request.orgId, runId: request.runId };
    if (step === 'suggest' || step === 'review' || kind === 'version_tasks') {
      // These runs' jobs run every step that is queued, in order.
      await setRunStepsStatus(
        trx,
        ref.orgId,
        ref.runId,
        ['failed', 'cancelled', 'skipped'],
        'queued',
      );
      const queue =
        kind === 'version_tasks'
          ? versionTasksQueue
          : step === 'suggest'
            ? suggestQueue
            : reviewQueue;
      await send(deps.boss, queue, ref, { db: trx });
      return;
    }
    await send(deps.boss, planStepQueue, { ...ref, step, continueRun: true }, { db: trx });
  });
}

/** Stops a queued or running run; the worker aborts the model call in flight within a second. */
export async function cancelPlanRun(
  db: Db,
  request: { orgId: string; runId: string },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const cancelled = await transitionPlanRun(
      trx,
      request.orgId,
      request.runId,
      ['queued', 'running'],
      'cancelled',
      { errorMessage: 'cancelled' },
    );
    // Steps not started yet are shown cancelled at once; a running one ends when the worker sees it.
    if (cancelled)
      await setRunStepsStatus(trx, request.orgId, request.runId, ['queued'], 'cancelled');
    return cancelled;
  });
}

async function enqueueDocumentRun(
  deps: EnqueueDeps,
  request: { orgId: string; documentId: string; requestedBy: string | null },
  step: 'suggest' | 'review',
  snapshot: RunInput,
  variants: readonly VariantChoice[] | undefined,
): Promise<{ runId: string }> {
  const document = await getDocument(deps.db, request.orgId, request.documentId);
  if (!document) throw new EnqueueError('not_found', 'document not found');
  const project = await getProject(deps.db, request.orgId, document.project_id);
  if (!project) throw new EnqueueError('not_found', 'project not found');
  const queue = step === 'suggest' ? suggestQueue : reviewQueue;
  return deps.db.transaction().execute(async (trx) => {
    const { run } = await createAllowedRun(
      trx,
      {
        orgId: request.orgId,
        projectId: project.id,
        triggeredBy: request.requestedBy,
        provider: project.preferred_provider ?? 'auto',
        model: project.preferred_model ?? 'default',
        inputSnapshot: snapshot,
        steps: stepRows(step, variants, project),
      },
      deps.aiEndpoint,
    );
    await send(deps.boss, queue, { orgId: request.orgId, runId: run.id }, { db: trx });
    return { runId: run.id };
  });
}

/** "Ask AI": suggestions for a document (or a selection of it) following an instruction. */
export async function enqueueSuggest(
  deps: EnqueueDeps,
  request: SuggestRequest,
): Promise<{ runId: string }> {
  const input = suggestRequestSchema.parse(request);
  const snapshot: RunInput = {
    kind: 'suggest',
    documentId: input.documentId,
    requestedBy: input.requestedBy,
    instruction: input.instruction,
    ...(input.selection !== undefined ? { selection: input.selection } : {}),
  };
  return enqueueDocumentRun(deps, input, 'suggest', snapshot, input.variants);
}

/** A completeness review of a document against its template; findings arrive as suggestions. */
export async function enqueueReview(
  deps: EnqueueDeps,
  request: ReviewRequest,
): Promise<{ runId: string }> {
  const input = reviewRequestSchema.parse(request);
  const snapshot: RunInput = {
    kind: 'review',
    documentId: input.documentId,
    requestedBy: input.requestedBy,
    ...(input.sections !== undefined ? { sections: input.sections } : {}),
  };
  return enqueueDocumentRun(deps, input, 'review', snapshot, input.variants);
}

/**
 * "Create tasks from this version": a recorded run of the breakdown and tasks steps on the stored
 * version, so its tokens and cost count like any other run. The worker puts the result on the
 * project's board (cards the first time, proposals after that).
 */
export async function enqueueVersionTasks(
  deps: EnqueueDeps,
  request: VersionTasksRequest,
): Promise<{ runId: string }> {
  const input = versionTasksRequestSchema.parse(request);
  const version = await getVersion(deps.db, input.orgId, input.versionId);
  const document = version
    ? await getDocument(deps.db, input.orgId, version.document_id)
    : undefined;
  const project = document
    ? await getProject(deps.db, input.orgId, document.project_id)
    : undefined;
  if (!version || !document || !project) throw new EnqueueError('not_found', 'version not found');
  const snapshot: RunInput = {
    kind: 'version_tasks',
    versionId: version.id,
    documentId: document.id,
    requestedBy: input.requestedBy,
  };
  return deps.db.transaction().execute(async (trx) => {
    const { run } = await createAllowedRun(
      trx,
      {
        orgId: input.orgId,
        projectId: project.id,
        triggeredBy: input.requestedBy,
        provider: project.preferred_provider ?? 'auto',
        model: project.preferred_model ?? 'default',
        inputSnapshot: snapshot,
        steps: [
          ...stepRows('breakdown', undefined, project),
          ...stepRows('tasks', undefined, project),
        ],
      },
      deps.aiEndpoint,
    );
    await send(deps.boss, versionTasksQueue, { orgId: input.orgId, runId: run.id }, { db: trx });
    return { runId: run.id };
  });
}
