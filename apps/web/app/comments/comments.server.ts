import { getDocument } from '@specboard/db/documents';
import { notifyPeople } from '@specboard/db/notifications';
import { getMembership } from '@specboard/db/organizations';
import {
  addReply,
  addThread,
  deleteComment,
  deleteThread,
  editComment,
  getThread,
  quoteAt,
  setThreadStatus,
  type ThreadView,
} from '@specboard/doc/comment-threads';
import { formatDocName } from '@specboard/doc/doc-names';
import { changeStoredDoc, withStoredDoc } from '@specboard/stored-doc';
import { ulid } from 'ulid';
import { z } from 'zod';
import { auth } from '../auth/auth.server.ts';
import { signMemberSyncToken } from '../auth/member-sync-token.server.ts';
import { type OrgAccess, requireOrgAccess } from '../auth/org-access.server.ts';
import { can } from '../auth/permissions.ts';
import { db } from '../db.server.ts';
import { docWrites } from '../doc-writes.server.ts';
import { emitAfterCommit } from '../integrations/emit.server.ts';
import { assertSameOrigin } from '../security/origin.server.ts';
import {
  mentionNotifications,
  replyNotifications,
  resolvedNotifications,
  type ThreadEvent,
} from './comment-notifications.server.ts';
import {
  type CommentRequest,
  type CommentResult,
  commentRequestSchema,
} from './comment-schemas.ts';

/**
 * The only writer of `comments:<documentId>`: every client holds a read-only token for it, and
 * each change here is checked against the rules (issue 14) before it is written through the
 * stored-document module, which publishes it to connected clients.
 */

const json = (body: CommentResult, status = 200) => Response.json(body, { status });
const refuse = (status: number, message: string) => json({ ok: false, message }, status);

async function requireDocument(access: OrgAccess, documentId: string | undefined) {
  const document = documentId ? await getDocument(db(), access.orgId, documentId) : undefined;
  if (!document) throw refuse(404, 'This document does not exist.');
  return document;
}

/** A read-only token for the document's threads, whatever the member's role. */
export async function commentsSyncToken(
  request: Request,
  orgId: string | undefined,
  documentId: string | undefined,
) {
  assertSameOrigin(request);
  const access = await requireOrgAccess(request, orgId, 'org:read');
  const document = await requireDocument(access, documentId);
  const token = await signMemberSyncToken(access, formatDocName('comments', document.id), {
    readOnly: true,
  });
  return Response.json(token, { headers: { 'Cache-Control': 'no-store' } });
}

/** Members' names (authors, mention picker) and what the signed-in person may do. */
export async function commentsLoader(
  request: Request,
  orgId: string | undefined,
  documentId: string | undefined,
) {
  const access = await requireOrgAccess(request, orgId, 'org:read');
  await requireDocument(access, documentId);
  const members = await auth().api.listMembers({
    query: { organizationId: access.orgId, limit: 200 },
    headers: request.headers,
  });
  return Response.json({
    me: access.user.id,
    canComment: can(access.role, 'comment:write'),
    canModerate: can(access.role, 'thread:moderate'),
    canInvite: can(access.role, 'members:invite'),
    people: members.members.map((m) => ({ id: m.userId, name: m.user.name })),
  });
}

/** Mentioned ids that are not members of the organisation, who could not see the document. */
async function outsiders(orgId: string, mentions: readonly string[]): Promise<string[]> {
  const checks = await Promise.all(
    mentions.map(async (userId) =>
      (await getMembership(db(), { orgId, userId })) ? null : userId,
    ),
  );
  return checks.filter((id) => id !== null);
}

const decode = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'));

export async function commentsAction(
  request: Request,
  orgId: string | undefined,
  documentId: string | undefined,
): Promise<Response> {
  assertSameOrigin(request);
  const access = await requireOrgAccess(request, orgId, 'org:read');
  const document = await requireDocument(access, documentId);
  const parsed = commentRequestSchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) {
    return json({ ok: false, fieldErrors: z.flattenError(parsed.error).fieldErrors }, 400);
  }
  const change = parsed.data;
  const moderating =
    change.intent === 'resolve' || change.intent === 'reopen' || change.intent === 'delete_thread';
  if (!can(access.role, moderating ? 'thread:moderate' : 'comment:write')) {
    return refuse(403, `Your role (${access.role}) does not allow this.`);
  }
  if ('mentions' in change) {
    const unknown = await outsiders(access.orgId, change.mentions);
    if (unknown.length > 0) {
      return json(
        {
          ok: false,
          fieldErrors: {
            mentions: ['Someone you mentioned is not a member and cannot see this document.'],
          },
        },
        400,
      );
    }
  }
  const docName = formatDocName('comments', document.id);
  const at = new Date().toISOString();
  const me = access.user.id;

  let anchor: { from: Uint8Array; to: Uint8Array } | null = null;
  let quote = '';
  if (change.intent === 'create') {
    anchor = { from: decode(change.anchorFrom), to: decode(change.anchorTo) };
    const found = await withStoredDoc(
      db(),
      access.orgId,
      formatDocName('doc', document.id),
      (doc) => (anchor ? quoteAt(doc, anchor) : null),
    );
    if (found === null) {
      return refuse(
        409,
        'The selected text is not in the saved document (it may have just changed): select it again.',
      );
    }
    quote = found;
  }
  const threadId = change.intent === 'create' ? ulid() : change.threadId;
  const before =
    change.intent === 'create' ? null : await readThread(access.orgId, docName, threadId);
  if (change.intent !== 'create' && !before) return refuse(404, 'This thread does not exist.');
  if (change.intent === 'edit' || change.intent === 'delete_comment') {
    const comment = before?.comments.find((c) => c.id === change.commentId);
    if (!comment) return refuse(404, 'This comment does not exist.');
    if (comment.authorId !== me) return refuse(403, 'Only its author can change a comment.');
  }

  const after = await changeStoredDoc(
    await docWrites(),
    access.orgId,
    docName,
    `web:comments:${me}`,
    (doc) => apply(doc, change, { threadId, me, at, anchor, quote }),
    (doc) => getThread(doc, threadId),
  );
  await notify(access, document, change, before, after);
  if (change.intent === 'create' || change.intent === 'reply') {
    await emitAfterCommit(access.orgId, {
      kind: 'comment.added',
      summary: `${access.user.name} commented on “${document.title}”`,
      data: {
        documentId: document.id,
        threadId,
        authorId: me,
        body: change.body,
        path: `/orgs/${access.orgId}/documents/${document.id}?thread=${threadId}`,
      },
    });
  }
  return json({ ok: true, threadId });
}

function apply(
  doc: Parameters<typeof addThread>[0],
  change: CommentRequest,
  context: {
    threadId: string;
    me: string;
    at: string;
    anchor: { from: Uint8Array; to: Uint8Array } | null;
    quote: string;
  },
): void {
  const { threadId, me, at } = context;
  switch (change.intent) {
    case 'create':
      if (!context.anchor) return;
      addThread(doc, {
        id: threadId,
        anchor: context.anchor,
        quote: context.quote,
        first: { id: ulid(), authorId: me, body: change.body, mentions: change.mentions, at },
      });
      return;
    case 'reply':
      addReply(doc, threadId, {
        id: ulid(),
        authorId: me,
        body: change.body,
        mentions: change.mentions,
        at,
      });
      return;
    case 'edit':
      editComment(
        doc,
        { threadId, commentId: change.commentId },
        { body: change.body, mentions: change.mentions, at },
      );
      return;
    case 'delete_comment':
      deleteComment(doc, { threadId, commentId: change.commentId });
      return;
    case 'resolve':
    case 'reopen':
      setThreadStatus(doc, threadId, change.intent === 'resolve' ? 'resolved' : 'open');
      return;
    case 'delete_thread':
      deleteThread(doc, threadId);
  }
}

function readThread(orgId: string, docName: string, threadId: string): Promise<ThreadView | null> {
  return withStoredDoc(db(), orgId, docName, (doc) => getThread(doc, threadId));
}

async function notify(
  access: OrgAccess,
  document: { id: string; title: string },
  change: CommentRequest,
  before: ThreadView | null,
  after: ThreadView | null,
): Promise<void> {
  if (!after) return;
  const event: ThreadEvent = {
    orgId: access.orgId,
    documentId: document.id,
    documentTitle: document.title,
    actor: { id: access.user.id, name: access.user.name },
    thread: after,
  };
  const previouslyMentioned =
    change.intent === 'edit'
      ? (before?.comments.find((c) => c.id === change.commentId)?.mentions ?? [])
      : [];
  const mentioned =
    'mentions' in change ? change.mentions.filter((id) => !previouslyMentioned.includes(id)) : [];
  const items = [
    ...mentionNotifications(event, mentioned),
    ...(change.intent === 'reply'
      ? replyNotifications({ ...event, thread: before ?? after }, mentioned)
      : []),
    ...(change.intent === 'resolve' && before?.status !== 'resolved'
      ? resolvedNotifications(event)
      : []),
  ];
  await notifyPeople(db(), items);
}
