import type { Db, Task } from '@specboard/db';
import { listAssignees, listEpics, listTasks } from '@specboard/db/tasks';
import { type BoardCard, boardCardSchema } from '@specboard/doc/board';

export function taskCard(
  task: Task,
  names: Map<string, string>,
  epics: Map<string, string>,
): BoardCard {
  return boardCardSchema.parse({
    id: task.id,
    title: task.title,
    description: task.description,
    status: task.status,
    order: task.board_order,
    estimate: task.estimate === null ? null : Number(task.estimate),
    priority: task.priority,
    labels: task.labels,
    dependsOn: task.depends_on,
    acceptanceCriteria: task.acceptance_criteria,
    assigneeId: task.assignee_id,
    assigneeName: task.assignee_id ? (names.get(task.assignee_id) ?? null) : null,
    epicId: task.epic_id,
    epicTitle: task.epic_id ? (epics.get(task.epic_id) ?? null) : null,
    storyId: task.story_id,
    sourceVersionId: task.source_version_id,
    sourceAnchor: task.source_anchor,
  });
}

/**
 * The board's cards as the `tasks` projection has them (what exports and reports read), by
 * column and board order, with assignee and epic names.
 */
export async function listTaskCards(
  db: Db,
  orgId: string,
  projectId: string,
): Promise<BoardCard[]> {
  const [tasks, assignees, epics] = await Promise.all([
    listTasks(db, orgId, projectId),
    listAssignees(db, orgId),
    listEpics(db, orgId, projectId),
  ]);
  const names = new Map(assignees.map((a) => [a.id, a.name]));
  const epicTitles = new Map(epics.map((e) => [e.id, e.title]));
  return tasks.map((task) => taskCard(task, names, epicTitles));
}
