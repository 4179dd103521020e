import type { OrgRole } from '@specboard/db';
import { appendDocUpdates } from '@specboard/db/doc-log';
import { listInbox } from '@specboard/db/inbox';
import { createIntegration, listDeliveries } from '@specboard/db/integrations';
import { getThread } from '@specboard/doc/comment-threads';
import { formatDocName } from '@specboard/doc/doc-names';
import { anchorQuote } from '@specboard/doc/suggestion-anchors';
import { editorMarkdownCodec } from '@specboard/doc/suggestion-markdown';
import { verifySyncToken } from '@specboard/doc/sync-token';
import { withStoredDoc } from '@specboard/stored-doc';
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { db } from '../db.server.ts';
import { env } from '../env.server.ts';
import { appRequest, type TestUser } from '../testing/app-fixture.ts';
import {
  allRoles,
  orgWithMembers,
  projectWithDocument,
  setUpTestApp,
} from '../testing/org-fixture.ts';
import { commentsAction, commentsLoader, commentsSyncToken } from './comments.server.ts';

setUpTestApp();

let orgId: string;
let users: Record<OrgRole, TestUser>;
let outsider: TestUser;
let documentId: string;
let anchor: { anchorFrom: string; anchorTo: string };

beforeAll(async () => {
  ({ orgId, users } = await orgWithMembers({ roles: allRoles }));
  outsider = (await orgWithMembers({ roles: [] })).users.owner;
  ({
    document: { id: documentId },
  } = await projectWithDocument({
    orgId,
    createdBy: users.owner.id,
    projectName: 'Walkies',
    idea: 'Dogs',
  }));
  const doc = new Y.Doc();
  doc.getXmlFragment('default').insert(0, editorMarkdownCodec.toBlocks('# Goals\n\nBe fast.'));
  await appendDocUpdates(db(), orgId, [
    { docName: formatDocName('doc', documentId), update: Y.encodeStateAsUpdate(doc), origin: 't' },
  ]);
  const encoded = anchorQuote(doc.getXmlFragment('default'), 'fast');
  if (!encoded) throw new Error('no anchor');
  anchor = {
    anchorFrom: Buffer.from(encoded.from).toString('base64'),
    anchorTo: Buffer.from(encoded.to).toString('base64'),
  };
});

/** Runs the action as `user`; a thrown response (403/404 from the access check) is returned. */
async function post(
  user: TestUser,
  body: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const request = new Request(appRequest('/x', { user, form: {} }).url, {
    method: 'POST',
    headers: {
      cookie: user.cookie,
      origin: new URL(appRequest('/').url).origin,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  });
  let response: Response;
  try {
    response = await commentsAction(request, orgId, documentId);
  } catch (thrown) {
    if (thrown instanceof Response) response = thrown;
    else if (typeof thrown === 'object' && thrown && 'init' in thrown) {
      return { status: (thrown as { init: { status: number } }).init.status, body: {} };
    } else throw thrown;
  }
  return {
    status: response.status,
    body: response.headers.get('content-type')?.includes('json') ? await response.json() : {},
  };
}

async function create(
  user: TestUser,
  body = 'How fast?',
  mentions: string[] = [],
): Promise<string> {
  const result = await post(user, { intent: 'create', ...anchor, body, mentions });
  expect(result.status).toBe(200);
  return String(result.body.threadId);
}

const thread = (threadId: string) =>
  withStoredDoc(db(), orgId, formatDocName('comments', documentId), (doc) =>
    getThread(doc, threadId),
  );

describe('comment rules', () => {
  it('lets owners, admins, editors and commenters open threads and reply; viewers and outsiders cannot', async () => {
    for (const role of ['owner', 'admin', 'editor', 'commenter'] as const) {
      const threadId = await create(users[role]);
      expect(await thread(threadId)).toMatchObject({
        quote: 'fast',
        status: 'open',
        createdBy: users[role].id,
      });
      expect((await post(users[role], { intent: 'reply', threadId, body: 'Yes' })).status).toBe(
        200,
      );
    }
    const threadId = await create(users.commenter);
    expect((await post(users.viewer, { intent: 'create', ...anchor, body: 'x' })).status).toBe(403);
    expect((await post(users.viewer, { intent: 'reply', threadId, body: 'x' })).status).toBe(403);
    expect((await post(outsider, { intent: 'reply', threadId, body: 'x' })).status).toBe(404);
    expect((await thread(threadId))?.comments).toHaveLength(1);
  });

  it('lets only its author edit or delete a comment', async () => {
    const threadId = await create(users.commenter, 'Original');
    const commentId = (await thread(threadId))?.comments[0]?.id;
    for (const role of ['owner', 'admin', 'editor', 'viewer'] as const) {
      expect(
        (await post(users[role], { intent: 'edit', threadId, commentId, body: 'Forged' })).status,
      ).toBe(403);
      expect(
        (await post(users[role], { intent: 'delete_comment', threadId, commentId })).status,
      ).toBe(403);
    }
    expect((await thread(threadId))?.comments[0]?.body).toBe('Original');
    expect(
      (await post(users.commenter, { intent: 'edit', threadId, commentId, body: 'Edited' })).status,
    ).toBe(200);
    expect((await thread(threadId))?.comments[0]).toMatchObject({
      body: 'Edited',
      editedAt: expect.any(String),
    });
    expect(
      (await post(users.commenter, { intent: 'delete_comment', threadId, commentId })).status,
    ).toBe(200);
    expect(await thread(threadId)).toBeNull();
  });

  it('lets owners, admins and editors resolve, reopen and delete threads; commenters and viewers cannot', async () => {
    const threadId = await create(users.commenter);
    for (const role of ['commenter', 'viewer'] as const) {
      for (const intent of ['resolve', 'reopen', 'delete_thread']) {
        expect((await post(users[role], { intent, threadId })).status).toBe(403);
      }
    }
    for (const role of ['owner', 'admin', 'editor'] as const) {
      expect((await post(users[role], { intent: 'resolve', threadId })).status).toBe(200);
      expect((await thread(threadId))?.status).toBe('resolved');
      expect((await post(users[role], { intent: 'reopen', threadId })).status).toBe(200);
      expect((await thread(threadId))?.status).toBe('open');
    }
    expect((await post(users.editor, { intent: 'delete_thread', threadId })).status).toBe(200);
    expect(await thread(threadId)).toBeNull();
    expect((await post(users.editor, { intent: 'resolve', threadId })).status).toBe(404);
  });

  it('answers 400 with field errors, and refuses anchors the stored text does not have', async () => {
    const empty = await post(users.editor, { intent: 'create', ...anchor, body: ' ' });
    expect(empty).toMatchObject({
      status: 400,
      body: { fieldErrors: { body: ['Write a comment'] } },
    });
    const foreign = await post(users.editor, {
      intent: 'reply',
      threadId: 'x',
      body: 'hi',
      mentions: [outsider.id],
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.fieldErrors).toMatchObject({
      mentions: [expect.stringContaining('cannot see')],
    });
    const elsewhere = new Y.Doc();
    elsewhere.getXmlFragment('default').insert(0, editorMarkdownCodec.toBlocks('Be fast.'));
    const stray = anchorQuote(elsewhere.getXmlFragment('default'), 'fast');
    if (!stray) throw new Error('no anchor');
    const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
    const refused = await post(users.editor, {
      intent: 'create',
      anchorFrom: b64(stray.from),
      anchorTo: b64(stray.to),
      body: 'x',
    });
    expect(refused.status).toBe(409);
  });

  it('notifies mentioned people, thread participants of a reply, and the author of a resolution, with a link to the thread', async () => {
    const threadId = await create(users.commenter, 'Ask @Editor', [users.editor.id]);
    const link = `/orgs/${orgId}/documents/${documentId}?thread=${threadId}`;
    expect((await listInbox(db(), users.editor.id))[0]).toMatchObject({ kind: 'mentioned', link });
    expect((await post(users.admin, { intent: 'reply', threadId, body: 'Noted' })).status).toBe(
      200,
    );
    expect((await post(users.owner, { intent: 'reply', threadId, body: 'Agreed' })).status).toBe(
      200,
    );
    const forCommenter = await listInbox(db(), users.commenter.id);
    expect(forCommenter.filter((n) => n.link === link).map((n) => n.kind)).toEqual([
      'thread_reply',
      'thread_reply',
    ]);
    expect(
      (await listInbox(db(), users.admin.id)).filter((n) => n.link === link).map((n) => n.kind),
    ).toEqual(['thread_reply']);
    expect((await listInbox(db(), users.owner.id)).filter((n) => n.link === link)).toEqual([]);
    expect((await post(users.owner, { intent: 'resolve', threadId })).status).toBe(200);
    expect((await listInbox(db(), users.commenter.id))[0]).toMatchObject({
      kind: 'thread_resolved',
      link,
    });
  });

  it('gives every role a read-only token for the threads document, and names people and rights', async () => {
    for (const role of allRoles) {
      const request = appRequest(`/x`, { user: users[role], form: {} });
      const response = await commentsSyncToken(request, orgId, documentId);
      const { token } = (await response.json()) as { token: string };
      expect(await verifySyncToken(token, env().SYNC_TOKEN_SECRET)).toMatchObject({
        ok: true,
        claims: { doc: `comments:${documentId}`, role: 'viewer' },
      });
    }
    const rights = await (
      await commentsLoader(appRequest('/x', { user: users.commenter }), orgId, documentId)
    ).json();
    expect(rights).toMatchObject({ canComment: true, canModerate: false, me: users.commenter.id });
  });

  it('sends a new comment to the integrations subscribed to comment.added', async () => {
    const hook = await createIntegration(db(), {
      orgId,
      kind: 'webhook',
      name: 'Review feed',
      config: { events: ['comment.added'] },
      secretSealed: 'sealed-for-this-test',
      createdBy: users.owner.id,
    });
    const threadId = await create(users.commenter, 'Please measure this');
    await post(users.owner, { intent: 'resolve', threadId });
    const deliveries = await listDeliveries(db(), orgId, hook.id);
    expect(deliveries.map((d) => d.event_kind)).toEqual(['comment.added']);
  });
});
