import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addReply,
  addThread,
  deleteComment,
  editComment,
  getThread,
  placeThreads,
  quoteAt,
  setThreadStatus,
} from './comment-threads.ts';
import { anchorQuote, plainText } from './suggestion-anchors.ts';
import { editorMarkdownCodec as codec } from './suggestion-markdown.ts';

const prd = '# Goals\n\nShip a fast board for teams.\n\nInvite people by email.';

function textDoc(): Y.Doc {
  const doc = new Y.Doc();
  doc.getXmlFragment('default').insert(0, codec.toBlocks(prd));
  return doc;
}

function fork(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

function exchange(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
}

const first = {
  id: 'C1',
  authorId: 'U1',
  body: 'How fast?',
  mentions: ['U2'],
  at: '2026-12-01T00:00:00Z',
};

function threadOn(text: Y.Doc, quote: string, id = 'T1'): Y.Doc {
  const anchor = anchorQuote(text.getXmlFragment('default'), quote);
  if (!anchor) throw new Error(`no ${quote}`);
  const comments = new Y.Doc();
  addThread(comments, { id, anchor, quote, first: { ...first, id: `${id}-C1` } });
  return comments;
}

/** The text a placed thread covers now. */
function covered(comments: Y.Doc, text: Y.Doc): (string | null)[] {
  return placeThreads(comments, text).map((thread) =>
    thread.placement.orphaned
      ? null
      : plainText(thread.placement.text).slice(thread.placement.from, thread.placement.to),
  );
}

describe('comment threads', () => {
  it('keeps its anchor on the same words through concurrent edits around and inside them', () => {
    const alice = textDoc();
    const comments = threadOn(alice, 'a fast board');
    const bob = fork(alice);
    const block = (doc: Y.Doc) =>
      (doc.getXmlFragment('default').get(1) as Y.XmlElement).get(0) as Y.XmlText;
    block(alice).insert(0, 'Please ');
    block(bob).insert(block(bob).length - 1, ' and their guests');
    block(bob).insert('Ship a fast '.length, 'Kanban ');
    exchange(alice, bob);
    expect(plainText(block(alice))).toBe(
      'Please Ship a fast Kanban board for teams and their guests.',
    );
    expect(covered(comments, alice)).toEqual(['a fast Kanban board']);
    expect(covered(comments, bob)).toEqual(['a fast Kanban board']);
  });

  it('is orphaned, with its quote, when the anchored text is deleted, and lists in document order', () => {
    const text = textDoc();
    const comments = threadOn(text, 'Invite people', 'T2');
    const other = threadOn(text, 'fast', 'T1');
    Y.applyUpdate(comments, Y.encodeStateAsUpdate(other));
    expect(placeThreads(comments, text).map((t) => t.id)).toEqual(['T1', 'T2']);
    const block = (text.getXmlFragment('default').get(2) as Y.XmlElement).get(0) as Y.XmlText;
    block.delete(0, 'Invite people'.length);
    const [, orphan] = placeThreads(comments, text);
    expect(orphan).toMatchObject({
      id: 'T2',
      quote: 'Invite people',
      placement: { orphaned: true },
    });
    text.getXmlFragment('default').delete(1, 1);
    expect(placeThreads(comments, text).every((t) => t.placement.orphaned)).toBe(true);
  });

  it('replies, edits, resolves and deletes; a stale anchor has no quote', () => {
    const text = textDoc();
    const comments = threadOn(text, 'fast');
    addReply(comments, 'T1', { ...first, id: 'C2', authorId: 'U2', body: 'Under 1 s' });
    editComment(
      comments,
      { threadId: 'T1', commentId: 'C2' },
      { body: 'Under 500 ms', mentions: [], at: 'later' },
    );
    setThreadStatus(comments, 'T1', 'resolved');
    expect(getThread(comments, 'T1')).toMatchObject({
      status: 'resolved',
      createdBy: 'U1',
      comments: [
        { body: 'How fast?', mentions: ['U2'] },
        { body: 'Under 500 ms', editedAt: 'later' },
      ],
    });
    deleteComment(comments, { threadId: 'T1', commentId: 'C2' });
    expect(getThread(comments, 'T1')?.comments).toHaveLength(1);
    deleteComment(comments, { threadId: 'T1', commentId: 'T1-C1' });
    expect(getThread(comments, 'T1')).toBeNull();
    const anchor = anchorQuote(text.getXmlFragment('default'), 'fast');
    if (!anchor) throw new Error('no anchor');
    expect(quoteAt(text, anchor)).toBe('fast');
    expect(quoteAt(new Y.Doc(), anchor)).toBeNull();
  });
});
