import type { NewNotification } from '@specboard/db/notifications';
import type { ThreadView } from '@specboard/doc/comment-threads';

export interface ThreadEvent {
  orgId: string;
  documentId: string;
  documentTitle: string;
  actor: { id: string; name: string };
  thread: ThreadView;
}

/** The page that opens the document with the side panel on this thread. */
export const threadLink = (event: Pick<ThreadEvent, 'orgId' | 'documentId'>, threadId: string) =>
  `/orgs/${event.orgId}/documents/${event.documentId}?thread=${threadId}`;

const excerpt = (text: string) => (text.length > 60 ? `${text.slice(0, 60)}…` : text);

function item(
  event: ThreadEvent,
  recipientId: string,
  kind: NewNotification['kind'],
  title: string,
) {
  return {
    orgId: event.orgId,
    recipientId,
    actorId: event.actor.id,
    kind,
    title,
    link: threadLink(event, event.thread.id),
  } satisfies NewNotification;
}

/** The people newly mentioned in a comment. */
export function mentionNotifications(event: ThreadEvent, mentioned: readonly string[]) {
  return [...new Set(mentioned)].map((recipientId) =>
    item(
      event,
      recipientId,
      'mentioned',
      `${event.actor.name} mentioned you on “${excerpt(event.thread.quote)}” in ${event.documentTitle}`,
    ),
  );
}

/** Everyone who has commented in the thread, except the replier (and those already mentioned). */
export function replyNotifications(event: ThreadEvent, mentioned: readonly string[]) {
  const participants = new Set(event.thread.comments.map((comment) => comment.authorId));
  for (const id of [event.actor.id, ...mentioned]) participants.delete(id);
  return [...participants].map((recipientId) =>
    item(
      event,
      recipientId,
      'thread_reply',
      `${event.actor.name} replied in a thread in ${event.documentTitle}`,
    ),
  );
}

/** The thread's author. */
export function resolvedNotifications(event: ThreadEvent) {
  return [
    item(
      event,
      event.thread.createdBy,
      'thread_resolved',
      `${event.actor.name} resolved your thread on “${excerpt(event.thread.quote)}” in ${event.documentTitle}`,
    ),
  ];
}
