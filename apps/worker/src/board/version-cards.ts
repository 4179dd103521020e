import type { BreakdownEpicRow } from '@specboard/db/tasks';
import type { CardDraft } from '@specboard/doc/board';
import type { Breakdown, TaskList } from '@specboard/pipeline';
import { derivedId } from '../ai/derived-id.ts';

export interface VersionCards {
  epics: BreakdownEpicRow[];
  cards: CardDraft[];
}

const criterionText = (c: { given: string; when: string; outcome: string }) =>
  `Given ${c.given}, when ${c.when}, then ${c.outcome}`;

/**
 * Epics, stories and board cards for one version's breakdown. Ids derive from the version id and
 * the step keys, so running the same version again (a retry) yields the same ids.
 */
export function versionCards(
  versionId: string,
  breakdown: Breakdown,
  list: TaskList,
): VersionCards {
  const idOf = (key: string) => derivedId(versionId, key);
  const storyInfo = new Map<
    string,
    { storyId: string; epicId: string; epicTitle: string; section: string; criteria: string[] }
  >();
  const epics = breakdown.epics.map((epic) => {
    const epicId = idOf(`epic:${epic.key}`);
    return {
      id: epicId,
      title: epic.title,
      description: epic.summary,
      sourceAnchor: epic.sourceSection,
      stories: epic.stories.map((story) => {
        const storyId = idOf(`story:${story.key}`);
        const criteria = story.acceptanceCriteria.map(criterionText);
        storyInfo.set(story.key, {
          storyId,
          epicId,
          epicTitle: epic.title,
          section: story.sourceSection,
          criteria,
        });
        return {
          id: storyId,
          title: story.title,
          description: story.description,
          acceptanceCriteria: criteria,
          sourceAnchor: story.sourceSection,
        };
      }),
    };
  });
  const taskId = (key: string) => idOf(`task:${key}`);
  const cards = list.tasks.map((task): CardDraft => {
    const story = storyInfo.get(task.storyKey);
    return {
      id: taskId(task.key),
      title: task.title,
      description: task.description,
      estimate: task.estimate,
      priority: task.priority,
      labels: task.labels,
      dependsOn: task.dependsOn.map(taskId),
      acceptanceCriteria: (story?.criteria ?? []).map((text) => ({ text, done: false })),
      assigneeId: null,
      assigneeName: null,
      epicId: story?.epicId ?? null,
      epicTitle: story?.epicTitle ?? null,
      storyId: story?.storyId ?? null,
      sourceVersionId: versionId,
      sourceAnchor: story?.section ?? null,
    };
  });
  return { epics, cards };
}
