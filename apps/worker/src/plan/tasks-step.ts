import { getVersion } from '@specboard/db/versions';
import {
  type Breakdown,
  breakdownOutputSchema,
  PipelineError,
  steps,
  type TaskList,
} from '@specboard/pipeline';
import { placeVersionOnBoard } from '../board/place-version.ts';
import type { PlanContext } from './execute-run.ts';
import type { VariantWork } from './variant.ts';

async function readBreakdown(context: PlanContext): Promise<Breakdown> {
  const row = (await context.rows()).find(
    (r) => r.step === 'breakdown' && r.status === 'succeeded',
  );
  const parsed = breakdownOutputSchema.safeParse(row?.output);
  if (!parsed.success) {
    throw new PipelineError('invalid_input', {
      step: 'tasks',
      reason: 'the breakdown step has no stored result; retry the breakdown first',
      attempts: 0,
    });
  }
  return parsed.data;
}

/**
 * tasks: tasks for the breakdown's stories, put on the project's board for everyone exactly as
 * "Create tasks from this version" does: cards the first time the PRD feeds the board, proposals
 * (add / modify / remove) after that, so a second run never duplicates cards or resets statuses.
 */
export function tasksWork(context: PlanContext): VariantWork<TaskList> {
  let breakdown: Breakdown | null = null;
  return {
    async call(resolved, signal) {
      breakdown = await readBreakdown(context);
      return resolved.provider.run(
        steps.tasks,
        { stories: breakdown.epics.flatMap((epic) => epic.stories) },
        { model: resolved.model, signal },
      );
    },
    async deliver(result) {
      if (!breakdown) throw new Error('deliver called before call');
      const { orgId, deps } = context;
      const version = await getVersion(deps.db, orgId, breakdown.sourceVersionId);
      if (!version) {
        throw new PipelineError('invalid_input', {
          step: 'tasks',
          reason: `the breakdown's source version ${breakdown.sourceVersionId} no longer exists`,
          attempts: 0,
        });
      }
      const placed = await placeVersionOnBoard(deps, {
        orgId,
        projectId: context.project.id,
        documentId: version.document_id,
        versionId: version.id,
        breakdown,
        tasks: result.output,
        origin: `worker:${context.run.id}`,
      });
      return {
        ...result.output,
        boardTaskIds: placed.cardIds,
        inserted: placed.inserted,
        proposed: placed.proposed,
      };
    },
  };
}
