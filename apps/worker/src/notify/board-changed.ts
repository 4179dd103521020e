import type { Db } from '@specboard/db';
import { notifyPeople } from '@specboard/db';
import { recordActivity } from '@specboard/db/activity';
import type { BoardProjectionChanges } from '@specboard/db/board-projection-changes';
import { appLinks } from './links.ts';

/**
 * What one board projection changed, as audit entries (one summary, one per move or assignment)
 * and as notifications to new assignees. The board is a shared Yjs document that records no
 * author per change, so these entries name no actor (the worker saw the change).
 */
export async function announceBoardChanges(
  db: Db,
  ref: { orgId: string; projectId: string },
  changes: BoardProjectionChanges,
): Promise<void> {
  const { orgId, projectId } = ref;
  await recordActivity(db, {
    orgId,
    actorId: null,
    resourceType: 'board',
    resourceId: projectId,
    action: 'board.projected',
    changes: {
      added: changes.added,
      removed: changes.removed,
      moved: changes.moved.length,
      assigned: changes.assigned.length,
    },
  });
  for (const move of changes.moved) {
    await recordActivity(db, {
      orgId,
      actorId: null,
      resourceType: 'task',
      resourceId: move.taskId,
      action: 'task.moved',
      changes: { projectId, title: move.title, from: move.from, to: move.to },
    });
  }
  for (const assignment of changes.assigned) {
    await recordActivity(db, {
      orgId,
      actorId: null,
      resourceType: 'task',
      resourceId: assignment.taskId,
      action: 'task.assigned',
      changes: { projectId, title: assignment.title, assigneeId: assignment.assigneeId },
    });
  }
  await notifyPeople(
    db,
    changes.assigned.map((assignment) => ({
      orgId,
      recipientId: assignment.assigneeId,
      actorId: null,
      kind: 'card_assigned' as const,
      title: `You were assigned “${assignment.title.slice(0, 200)}”`,
      link: appLinks.card(orgId, projectId, assignment.taskId),
    })),
  );
}
