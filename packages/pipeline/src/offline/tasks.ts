import type { Story } from '../steps/breakdown.ts';
import type { Task, TaskList, TasksInput } from '../steps/tasks.ts';

const interfaceWords = /\b(see|shows?|display|screen|page|button|message|form|view|click)\b/i;
const dataWords = /\b(save|saved|store|record|recorded|history|data|payment|import|export)\b/i;

function buildEstimate(story: Story): number {
  const count = story.acceptanceCriteria.length;
  return count >= 3 ? 5 : count === 2 ? 3 : 2;
}

/** Per story: an optional data task, the build task, then its tests — linear inside the story. */
function tasksForStory(story: Story, priority: Task['priority'], nextKey: () => string): Task[] {
  const text = `${story.title} ${story.description}`;
  const area = interfaceWords.test(text) ? 'frontend' : 'backend';
  const tasks: Task[] = [];
  const add = (task: Omit<Task, 'key' | 'storyKey' | 'priority' | 'dependsOn'>) => {
    const previous = tasks.at(-1);
    tasks.push({
      ...task,
      key: nextKey(),
      storyKey: story.key,
      priority,
      dependsOn: previous ? [previous.key] : [],
    });
  };
  if (dataWords.test(text)) {
    add({
      title: `Data model for: ${story.title}`,
      description: `Tables, constraints and migrations needed to store what "${story.title}" records.`,
      estimate: 2,
      labels: ['database', 'backend'],
    });
  }
  add({
    title: `Build: ${story.title}`,
    description: `${story.description}\n\nDone when: ${story.acceptanceCriteria.map((c) => `given ${c.given}, when ${c.when}, then ${c.outcome}`).join('; ')}.`,
    estimate: buildEstimate(story),
    labels: [area],
  });
  add({
    title: `Acceptance tests: ${story.title}`,
    description: `One automated test per acceptance criterion (${story.acceptanceCriteria.length}).`,
    estimate: story.acceptanceCriteria.length > 2 ? 2 : 1,
    labels: ['testing'],
  });
  return tasks;
}

/** The first half of the stories (document order) is treated as the core of the release. */
export function tasksFromStories(input: TasksInput): TaskList {
  let counter = 0;
  const nextKey = () => `T${++counter}`;
  const coreCount = Math.ceil(input.stories.length / 2);
  return {
    tasks: input.stories.flatMap((story, index) =>
      tasksForStory(story, index < coreCount ? 'high' : 'medium', nextKey),
    ),
  };
}
