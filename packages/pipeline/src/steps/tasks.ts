import { z } from 'zod';
import { describeDagProblem, findDagProblems } from '../dag.ts';
import { OutputRejectedError } from '../errors.ts';
import type { StructuredStep } from '../step.ts';
import { storySchema } from './breakdown.ts';
import { nonBlank } from './common.ts';

export const tasksInputSchema = z.object({
  stories: z.array(storySchema).min(1),
});
export type TasksInput = z.output<typeof tasksInputSchema>;

export const taskPrioritySchema = z.enum(['low', 'medium', 'high', 'urgent']);

export const taskSchema = z.object({
  key: nonBlank.describe('Unique task key such as "T1"'),
  storyKey: nonBlank.describe('Key of the story this task implements'),
  title: nonBlank,
  description: z.string(),
  estimate: z.number().int().min(1).max(21).describe('Story points (1, 2, 3, 5, 8, 13, 21)'),
  labels: z.array(z.string()),
  priority: taskPrioritySchema,
  dependsOn: z.array(z.string()).describe('Keys of tasks that must be finished first'),
});
export type Task = z.output<typeof taskSchema>;

export const tasksOutputSchema = z.object({
  tasks: z.array(taskSchema).min(1),
});
export type TaskList = z.output<typeof tasksOutputSchema>;

function checkTasks(output: TaskList, input: TasksInput): TaskList {
  const storyKeys = new Set(input.stories.map((story) => story.key));
  const problems = output.tasks
    .filter((task) => !storyKeys.has(task.storyKey))
    .map((task) => `task "${task.key}" belongs to unknown story "${task.storyKey}"`);
  problems.push(...findDagProblems(output.tasks).map(describeDagProblem));
  if (problems.length > 0) {
    throw new OutputRejectedError(
      `Task dependencies must form an acyclic graph of known tasks: ${problems.join('; ')}.`,
    );
  }
  return output;
}

export const tasksStep: StructuredStep<typeof tasksInputSchema, typeof tasksOutputSchema> = {
  name: 'tasks',
  input: tasksInputSchema,
  output: tasksOutputSchema,
  buildMessages(input) {
    return [
      {
        role: 'system',
        content:
          'You split user stories into engineering tasks small enough for one person in one to three days. Give each task a unique key (T1, T2…), the storyKey it implements, an estimate in story points, labels (such as frontend, backend, database, testing, design), a priority, and dependsOn: keys of tasks that must be done first. Dependencies must not form cycles.',
      },
      { role: 'user', content: `Stories:\n${JSON.stringify(input.stories, null, 2)}` },
    ];
  },
  postProcess: checkTasks,
};
