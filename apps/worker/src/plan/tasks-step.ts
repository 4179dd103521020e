import type { PlanRunStep } from '@specboard/db';
import {
  breakdownOutputSchema,
  PipelineError,
  type Story,
  steps,
  type TaskList,
} from '@specboard/pipeline';
import { derivedId } from '../ai/derived-id.ts';
import { addBoardTasks, type BoardTaskDraft, boardDocName } from '../ai/doc-model.ts';
import { DocSession } from '../doc-writer.ts';
import type { PlanContext } from './execute-run.ts';
import type { VariantWork } from './variant.ts';

interface Source {
  stories: Story[];
  sourceVersionId: string;
}

async function readBreakdown(context: PlanContext): Promise<Source> {
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
  return {
    stories: parsed.data.epics.flatMap((epic) => epic.stories),
    sourceVersionId: parsed.data.sourceVersionId,
  };
}

/** Board cards for the tasks, with ids derived from the step row so a retry adds nothing twice. */
function boardTasks(row: PlanRunStep, list: TaskList, source: Source): BoardTaskDraft[] {
  const idOf = (key: string) => derivedId(row.id, `task:${key}`);
  const stories = new Map(source.stories.map((story) => [story.key, story]));
  return list.tasks.map((task) => {
    const story = stories.get(task.storyKey);
    return {
      id: idOf(task.key),
      title: task.title,
      description: task.description,
      estimate: task.estimate,
      labels: [...task.labels, `priority:${task.priority}`],
      dependsOn: task.dependsOn.map(idOf),
      acceptanceCriteria: (story?.acceptanceCriteria ?? []).map(
        (c) => `Given ${c.given}, when ${c.when}, then ${c.outcome}`,
      ),
      sourceVersionId: source.sourceVersionId,
      sourceAnchor: story?.sourceSection ?? null,
    };
  });
}

/** tasks: tasks for the breakdown's stories, added to the project's board for everyone. */
export function tasksWork(context: PlanContext, row: PlanRunStep): VariantWork<TaskList> {
  let source: Source | null = null;
  return {
    async call(resolved, signal) {
      source = await readBreakdown(context);
      return resolved.provider.run(
        steps.tasks,
        { stories: source.stories },
        { model: resolved.model, signal },
      );
    },
    async deliver(result) {
      if (!source) throw new Error('deliver called before call');
      const drafts = boardTasks(row, result.output, source);
      const session = await DocSession.open(
        context.deps,
        boardDocName(context.project.id),
        `worker:${context.run.id}`,
      );
      try {
        await session.change((doc) => addBoardTasks(doc, drafts));
      } finally {
        session.destroy();
      }
      return { ...result.output, boardTaskIds: drafts.map((draft) => draft.id) };
    },
  };
}
