import { transitionPlanRun } from '@specboard/db/plan-run-progress';
import { finishPlanRunStep, getPlanRun } from '@specboard/db/plan-runs';
import { getVersion } from '@specboard/db/versions';
import { runInputSchema } from '@specboard/jobs';
import { type Breakdown, breakdownOutputSchema, PipelineError, steps } from '@specboard/pipeline';
import { placeVersionOnBoard } from '../board/place-version.ts';
import { finishRun } from '../plan/finish-run.ts';
import { watchRun } from '../plan/run-watch.ts';
import { runVariant } from '../plan/variant.ts';
import type { AiJobDeps } from './deps.ts';

const versionGone = (step: string) =>
  new PipelineError('invalid_input', { step, reason: 'the version was deleted', attempts: 0 });

/**
 * "Create tasks from this version" as a recorded run: the breakdown step on the stored version,
 * then the tasks step, whose result goes on the project's board (cards the first time,
 * proposals after that). Each step is a `runVariant`, so it is checked against the
 * organisation's limits and its tokens and cost are recorded like any other run's.
 */
export async function executeVersionTasksRun(
  deps: AiJobDeps,
  ref: { orgId: string; runId: string },
): Promise<string> {
  const found = await getPlanRun(deps.db, ref.orgId, ref.runId);
  if (!found) {
    deps.logger.warn(ref, 'run not found; nothing to do');
    return 'missing';
  }
  const input = runInputSchema.parse(found.run.input_snapshot);
  if (input.kind !== 'version_tasks') {
    throw new Error(`run ${ref.runId} is a ${input.kind} run, not version_tasks`);
  }
  if (!(await transitionPlanRun(deps.db, ref.orgId, ref.runId, ['queued', 'running'], 'running'))) {
    return found.run.status;
  }
  const watch = watchRun(deps.db, ref, { pollMs: deps.cancelPollMs, jobSignal: deps.signal });
  const pending = (name: string) =>
    found.steps.find(
      (row) => row.step === name && (row.status === 'queued' || row.status === 'running'),
    );
  try {
    const breakdownRow = pending('breakdown');
    if (breakdownRow) {
      await runVariant(deps, ref.orgId, breakdownRow, watch, {
        async call(resolved, signal) {
          const version = await getVersion(deps.db, ref.orgId, input.versionId);
          if (!version) throw versionGone('breakdown');
          return resolved.provider.run(
            steps.breakdown,
            { documentMarkdown: version.content_md, versionId: version.id },
            { model: resolved.model, signal },
          );
        },
        async deliver(result) {
          return result.output;
        },
      });
    }
    const tasksRow = pending('tasks');
    const rows = (await getPlanRun(deps.db, ref.orgId, ref.runId))?.steps ?? [];
    const stored = breakdownOutputSchema.safeParse(
      rows.find((row) => row.step === 'breakdown' && row.status === 'succeeded')?.output,
    );
    if (tasksRow && !(await watch.checkNow())) {
      if (!stored.success) {
        await finishPlanRunStep(deps.db, ref.orgId, tasksRow.id, {
          status: 'skipped',
          errorMessage: 'skipped: "breakdown" did not succeed',
        });
      } else {
        const breakdown: Breakdown = stored.data;
        await runVariant(deps, ref.orgId, tasksRow, watch, {
          call: (resolved, signal) =>
            resolved.provider.run(
              steps.tasks,
              { stories: breakdown.epics.flatMap((epic) => epic.stories) },
              { model: resolved.model, signal },
            ),
          async deliver(result) {
            const version = await getVersion(deps.db, ref.orgId, input.versionId);
            if (!version) throw versionGone('tasks');
            const placed = await placeVersionOnBoard(deps, {
              orgId: ref.orgId,
              projectId: found.run.project_id,
              documentId: version.document_id,
              versionId: version.id,
              breakdown,
              tasks: result.output,
              origin: `worker:${ref.runId}`,
            });
            return {
              ...result.output,
              boardTaskIds: placed.cardIds,
              inserted: placed.inserted,
              proposed: placed.proposed,
            };
          },
        });
      }
    }
  } finally {
    watch.stop();
  }
  return finishRun(deps, ref, watch);
}
