import type { Editor } from '@tiptap/core';
import { useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { CommentComposer } from './comment-composer.tsx';
import {
  type CommentRights,
  commentsEndpoint,
  fetchCommentRights,
  postComment,
} from './comment-requests.ts';
import type { CommentRequest } from './comment-schemas.ts';
import { selectionAnchor } from './selection-anchor.ts';
import { ThreadCard } from './thread-card.tsx';
import { useThreads } from './use-threads.ts';
import './comments.css';

interface CommentsPanelProps {
  editor: Editor | null;
  textDoc: Y.Doc;
  commentsDoc: Y.Doc;
  /** Why the live comments could not be opened, if they could not. */
  connectionProblem: string | null;
  orgId: string;
  documentId: string;
  /** The thread to show (from `?thread=` or a click on a highlight). */
  activeThread: string | null;
  onActivate: (threadId: string | null) => void;
}

const filters = ['open', 'resolved', 'mine'] as const;
type Filter = (typeof filters)[number];

/**
 * What the person selected. A read-only editor (commenters, viewers) does not follow the
 * browser's selection in its state, so the selection on the page is read when it lies inside it.
 */
function selectedRange(editor: Editor): { from: number; to: number } {
  const selection = window.getSelection();
  const range = selection && selection.rangeCount > 0 ? selection.getRangeAt(0) : null;
  if (range && !range.collapsed && editor.view.dom.contains(range.commonAncestorContainer)) {
    return {
      from: editor.view.posAtDOM(range.startContainer, range.startOffset),
      to: editor.view.posAtDOM(range.endContainer, range.endOffset),
    };
  }
  return editor.state.selection;
}

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));

/**
 * Review threads beside the text, in document order, live for everyone through the read-only
 * `comments:` document; every change is a request the server checks and writes.
 */
export function CommentsPanel(props: CommentsPanelProps) {
  const { editor, textDoc, commentsDoc, orgId, documentId, activeThread, onActivate } = props;
  const { connectionProblem } = props;
  const threads = useThreads(commentsDoc, textDoc);
  const endpoint = commentsEndpoint(orgId, documentId);
  const [rights, setRights] = useState<CommentRights | null>(null);
  const [filter, setFilter] = useState<Filter>('open');
  const [draftAnchor, setDraftAnchor] = useState<{
    from: string;
    to: string;
    quote: string;
  } | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    fetchCommentRights(endpoint).then(setRights, (error: unknown) => setProblem(String(error)));
  }, [endpoint]);

  // The thread a link opened (`?thread=`) is shown once it arrives, resolved or not.
  const linkedStatus = useRef<'pending' | 'shown'>(activeThread ? 'pending' : 'shown');
  const activeStatus = threads.find((t) => t.id === activeThread)?.status;
  useEffect(() => {
    if (!activeStatus || linkedStatus.current === 'shown') return;
    linkedStatus.current = 'shown';
    setFilter(activeStatus);
  }, [activeStatus]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a thread arriving live is scrolled to as well.
  useEffect(() => {
    if (!activeThread) return;
    const card = document.querySelector(
      `.thread-card[data-thread-id="${CSS.escape(activeThread)}"]`,
    );
    card?.scrollIntoView({ block: 'nearest' });
  }, [activeThread, threads.length, filter]);

  async function send(change: CommentRequest): Promise<boolean> {
    setBusy(true);
    setProblem(null);
    const answer = await postComment(endpoint, change);
    setBusy(false);
    if (!answer.ok) setProblem(answer.message ?? 'That did not work; try again.');
    else onActivate(answer.threadId);
    return answer.ok;
  }

  function startThread() {
    if (!editor) return;
    const { from, to } = selectedRange(editor);
    const anchor = selectionAnchor(editor.state.doc, textDoc.getXmlFragment('default'), from, to);
    if (!anchor) {
      setProblem('Select some text in a paragraph to comment on it.');
      return;
    }
    setProblem(null);
    setDraftAnchor({
      from: toBase64(anchor.from),
      to: toBase64(anchor.to),
      quote: editor.state.doc.textBetween(from, to, ' ').slice(0, 200),
    });
  }

  if (!rights) return <aside className="comments-panel" aria-label="Comments" aria-busy="true" />;
  const names = Object.fromEntries(rights.people.map((p) => [p.id, p.name]));
  const inviteLink = rights.canInvite ? `/orgs/${orgId}/members` : undefined;
  const shown = threads.filter((t) =>
    filter === 'mine'
      ? t.comments.some((c) => c.authorId === rights.me || c.mentions.includes(rights.me))
      : t.status === filter,
  );
  return (
    <aside className="comments-panel" aria-label="Comments">
      <h2>Comments</h2>
      {rights.canComment ? (
        draftAnchor ? (
          <div className="new-thread">
            <p className="thread-quote">“{draftAnchor.quote}”</p>
            <CommentComposer
              label="New comment"
              submitLabel="Comment"
              people={rights.people}
              inviteLink={inviteLink}
              busy={busy}
              onCancel={() => setDraftAnchor(null)}
              onSubmit={async (body, mentions) => {
                const done = await send({
                  intent: 'create',
                  anchorFrom: draftAnchor.from,
                  anchorTo: draftAnchor.to,
                  body,
                  mentions,
                });
                if (done) {
                  setDraftAnchor(null);
                  setFilter('open');
                }
                return done;
              }}
            />
          </div>
        ) : (
          <button
            type="button"
            className="button small"
            disabled={!editor}
            // Keeps the text selection: it is what the comment is about.
            onMouseDown={(event) => event.preventDefault()}
            onClick={startThread}
          >
            Comment on selection
          </button>
        )
      ) : (
        <p className="muted small">Your role can read comments but not write them.</p>
      )}
      {problem || connectionProblem ? (
        <p className="field-error" role="alert">
          {problem ?? connectionProblem}
        </p>
      ) : null}
      <fieldset className="thread-filters" aria-label="Show threads">
        {filters.map((f) => (
          <button
            key={f}
            type="button"
            className={`button ghost small${filter === f ? ' selected' : ''}`}
            aria-pressed={filter === f}
            onClick={() => setFilter(f)}
          >
            {f === 'open' ? 'Open' : f === 'resolved' ? 'Resolved' : 'Mine'}
          </button>
        ))}
      </fieldset>
      {shown.length === 0 ? (
        <p className="muted">No {filter === 'mine' ? '' : `${filter} `}threads.</p>
      ) : null}
      <ul className="thread-list">
        {shown.map((thread) => (
          <ThreadCard
            key={thread.id}
            thread={thread}
            rights={rights}
            names={names}
            active={thread.id === activeThread}
            busy={busy}
            inviteLink={inviteLink}
            send={send}
            onFocus={() => onActivate(thread.id)}
          />
        ))}
      </ul>
    </aside>
  );
}
