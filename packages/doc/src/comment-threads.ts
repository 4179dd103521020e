import * as Y from 'yjs';
import { type EncodedAnchor, plainText, resolveAnchor } from './suggestion-anchors.ts';

/**
 * Review threads of one document, kept in their own shared document `comments:<documentId>`
 * (ARCHITECTURE.md §3), written only by the web app's authorised actions. A thread is a Y.Map
 * whose anchor is two encoded Yjs relative positions into the text of `doc:<documentId>`, each
 * stored as its own binary value (Yjs deep-freezes JSON values in development mode).
 */

export const threadStatuses = ['open', 'resolved'] as const;
export type ThreadStatus = (typeof threadStatuses)[number];

export interface CommentView {
  id: string;
  authorId: string;
  body: string;
  /** User ids mentioned in the body. */
  mentions: string[];
  createdAt: string;
  editedAt: string | null;
}

export interface ThreadView {
  id: string;
  anchor: EncodedAnchor;
  quote: string;
  status: ThreadStatus;
  createdBy: string;
  createdAt: string;
  comments: CommentView[];
}

export interface NewComment {
  id: string;
  authorId: string;
  body: string;
  mentions: readonly string[];
  at: string;
}

export const threadsOf = (doc: Y.Doc): Y.Map<Y.Map<unknown>> => doc.getMap('threads');

function commentMap(comment: NewComment): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  map.set('id', comment.id);
  map.set('authorId', comment.authorId);
  map.set('body', comment.body);
  map.set('mentions', [...comment.mentions]);
  map.set('createdAt', comment.at);
  map.set('editedAt', null);
  return map;
}

/** Opens a thread on `anchor` with its first comment. */
export function addThread(
  doc: Y.Doc,
  thread: { id: string; anchor: EncodedAnchor; quote: string; first: NewComment },
): void {
  const map = new Y.Map<unknown>();
  const comments = new Y.Array<Y.Map<unknown>>();
  comments.push([commentMap(thread.first)]);
  map.set('anchorFrom', thread.anchor.from);
  map.set('anchorTo', thread.anchor.to);
  map.set('quote', thread.quote);
  map.set('status', 'open');
  map.set('createdBy', thread.first.authorId);
  map.set('createdAt', thread.first.at);
  map.set('comments', comments);
  threadsOf(doc).set(thread.id, map);
}

function commentsOf(thread: Y.Map<unknown>): Y.Array<Y.Map<unknown>> {
  const comments = thread.get('comments');
  if (!(comments instanceof Y.Array)) throw new Error('thread without a comments array');
  return comments as Y.Array<Y.Map<unknown>>;
}

export function addReply(doc: Y.Doc, threadId: string, comment: NewComment): boolean {
  const thread = threadsOf(doc).get(threadId);
  if (!thread) return false;
  commentsOf(thread).push([commentMap(comment)]);
  return true;
}

function findComment(doc: Y.Doc, threadId: string, commentId: string) {
  const thread = threadsOf(doc).get(threadId);
  if (!thread) return null;
  const comments = commentsOf(thread);
  const index = comments.toArray().findIndex((c) => c.get('id') === commentId);
  return index < 0 ? null : { thread, comments, index };
}

export function editComment(
  doc: Y.Doc,
  target: { threadId: string; commentId: string },
  change: { body: string; mentions: readonly string[]; at: string },
): boolean {
  const found = findComment(doc, target.threadId, target.commentId);
  const comment = found?.comments.get(found.index);
  if (!comment) return false;
  comment.set('body', change.body);
  comment.set('mentions', [...change.mentions]);
  comment.set('editedAt', change.at);
  return true;
}

/** Deletes one comment; deleting a thread's only comment deletes the thread. */
export function deleteComment(
  doc: Y.Doc,
  target: { threadId: string; commentId: string },
): boolean {
  const found = findComment(doc, target.threadId, target.commentId);
  if (!found) return false;
  if (found.comments.length === 1) threadsOf(doc).delete(target.threadId);
  else found.comments.delete(found.index, 1);
  return true;
}

export function setThreadStatus(doc: Y.Doc, threadId: string, status: ThreadStatus): boolean {
  const thread = threadsOf(doc).get(threadId);
  if (!thread) return false;
  thread.set('status', status);
  return true;
}

export function deleteThread(doc: Y.Doc, threadId: string): boolean {
  if (!threadsOf(doc).has(threadId)) return false;
  threadsOf(doc).delete(threadId);
  return true;
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

function commentView(map: Y.Map<unknown>): CommentView {
  const mentions = map.get('mentions');
  const editedAt = map.get('editedAt');
  return {
    id: text(map.get('id')),
    authorId: text(map.get('authorId')),
    body: text(map.get('body')),
    mentions: Array.isArray(mentions) ? mentions.filter((m) => typeof m === 'string') : [],
    createdAt: text(map.get('createdAt')),
    editedAt: typeof editedAt === 'string' ? editedAt : null,
  };
}

export function threadView(id: string, map: Y.Map<unknown>): ThreadView | null {
  const from = map.get('anchorFrom');
  const to = map.get('anchorTo');
  const comments = map.get('comments');
  if (!(from instanceof Uint8Array) || !(to instanceof Uint8Array)) return null;
  if (!(comments instanceof Y.Array)) return null;
  return {
    id,
    anchor: { from, to },
    quote: text(map.get('quote')),
    status: map.get('status') === 'resolved' ? 'resolved' : 'open',
    createdBy: text(map.get('createdBy')),
    createdAt: text(map.get('createdAt')),
    comments: (comments as Y.Array<Y.Map<unknown>>).map(commentView),
  };
}

export function getThread(doc: Y.Doc, threadId: string): ThreadView | null {
  const map = threadsOf(doc).get(threadId);
  return map ? threadView(threadId, map) : null;
}

/** A thread placed in the text: its range there, or orphaned when the anchored text is gone. */
export type PlacedThread = ThreadView & {
  placement: { orphaned: false; text: Y.XmlText; from: number; to: number } | { orphaned: true };
};

/**
 * Every thread with its place in `textDoc` (the `doc:` document), in document order; orphaned
 * threads (their anchored text deleted) come last, oldest first.
 */
export function placeThreads(commentsDoc: Y.Doc, textDoc: Y.Doc): PlacedThread[] {
  const placed: PlacedThread[] = [];
  threadsOf(commentsDoc).forEach((map, id) => {
    const view = threadView(id, map);
    if (!view) return;
    const range = resolveAnchor(textDoc, view.anchor);
    placed.push({
      ...view,
      placement:
        range?.type === 'text' && range.to > range.from
          ? { orphaned: false, text: range.text, from: range.from, to: range.to }
          : { orphaned: true },
    });
  });
  const order = documentOrder(textDoc.getXmlFragment('default'));
  const rank = (thread: PlacedThread) =>
    thread.placement.orphaned
      ? [Number.MAX_SAFE_INTEGER, 0]
      : [order.get(thread.placement.text) ?? 0, thread.placement.from];
  return placed.sort((a, b) => {
    const [ra, rb] = [rank(a), rank(b)];
    return (
      (ra[0] ?? 0) - (rb[0] ?? 0) ||
      (ra[1] ?? 0) - (rb[1] ?? 0) ||
      a.createdAt.localeCompare(b.createdAt)
    );
  });
}

/** Each text node's rank in document order. */
function documentOrder(fragment: Y.XmlFragment): Map<Y.XmlText, number> {
  const order = new Map<Y.XmlText, number>();
  const walk = (parent: Y.XmlFragment | Y.XmlElement) => {
    for (const node of parent.toArray()) {
      if (node instanceof Y.XmlText) order.set(node, order.size);
      else if (node instanceof Y.XmlElement) walk(node);
    }
  };
  walk(fragment);
  return order;
}

/**
 * Checks an anchor sent by a browser against the stored text: it must resolve to a non-empty
 * range inside one text node. Returns the quoted text, or null.
 */
export function quoteAt(textDoc: Y.Doc, anchor: EncodedAnchor): string | null {
  const range = resolveAnchor(textDoc, anchor);
  if (range?.type !== 'text' || range.to <= range.from) return null;
  return plainText(range.text).slice(range.from, range.to);
}

/** The anchor of `[from, to)` inside one text node (`to` sticks to the character before it). */
export function anchorInText(text: Y.XmlText, from: number, to: number): EncodedAnchor {
  return {
    from: Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, from)),
    to: Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, to, -1)),
  };
}
