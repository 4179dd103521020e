import type { PlacedThread } from '@specboard/doc/comment-threads';
import { useState } from 'react';
import { CommentComposer } from './comment-composer.tsx';
import type { CommentRights } from './comment-requests.ts';
import type { CommentRequest } from './comment-schemas.ts';

interface ThreadCardProps {
  thread: PlacedThread;
  rights: CommentRights;
  names: Record<string, string>;
  active: boolean;
  busy: boolean;
  inviteLink: string | undefined;
  send: (change: CommentRequest) => Promise<boolean>;
  onFocus: () => void;
}

const when = (iso: string) => new Date(iso).toLocaleString();

/** One thread: its quote, comments, a reply box, and the moves the person's role allows. */
export function ThreadCard({
  thread,
  rights,
  names,
  active,
  busy,
  inviteLink,
  send,
  onFocus,
}: ThreadCardProps) {
  const [editing, setEditing] = useState<string | null>(null);
  const status = thread.placement.orphaned ? 'orphaned' : thread.status;
  return (
    <li
      className={`thread-card${active ? ' active' : ''}`}
      data-thread-id={thread.id}
      data-status={status}
      aria-label={`Thread on “${thread.quote}”`}
    >
      <button type="button" className="thread-quote" onClick={onFocus}>
        “{thread.quote}”
      </button>
      {thread.placement.orphaned ? (
        <span className="thread-badge orphaned" title="The text this thread was on was deleted">
          Orphaned
        </span>
      ) : null}
      {thread.status === 'resolved' ? <span className="thread-badge">Resolved</span> : null}
      <ol className="thread-comments">
        {thread.comments.map((comment) => (
          <li key={comment.id} className="thread-comment">
            <p className="comment-meta">
              <strong>{names[comment.authorId] ?? 'Someone'}</strong>{' '}
              <time dateTime={comment.createdAt}>{when(comment.createdAt)}</time>
              {comment.editedAt ? <span className="muted"> (edited)</span> : null}
            </p>
            {editing === comment.id ? (
              <CommentComposer
                label="Edit your comment"
                submitLabel="Save"
                people={rights.people}
                initial={comment.body}
                inviteLink={inviteLink}
                busy={busy}
                onCancel={() => setEditing(null)}
                onSubmit={async (body, mentions) => {
                  const done = await send({
                    intent: 'edit',
                    threadId: thread.id,
                    commentId: comment.id,
                    body,
                    mentions,
                  });
                  if (done) setEditing(null);
                  return done;
                }}
              />
            ) : (
              <p className="comment-body">{comment.body}</p>
            )}
            {comment.authorId === rights.me && editing !== comment.id ? (
              <div className="comment-actions">
                <button
                  type="button"
                  className="button ghost small"
                  onClick={() => setEditing(comment.id)}
                >
                  Edit
                </button>
                <button
                  type="button"
                  className="button ghost small danger-text"
                  disabled={busy}
                  onClick={() =>
                    void send({
                      intent: 'delete_comment',
                      threadId: thread.id,
                      commentId: comment.id,
                    })
                  }
                >
                  Delete
                </button>
              </div>
            ) : null}
          </li>
        ))}
      </ol>
      {rights.canComment && thread.status === 'open' ? (
        <CommentComposer
          label="Reply"
          submitLabel="Reply"
          people={rights.people}
          inviteLink={inviteLink}
          busy={busy}
          onSubmit={(body, mentions) =>
            send({ intent: 'reply', threadId: thread.id, body, mentions })
          }
        />
      ) : null}
      {rights.canModerate ? (
        <div className="comment-actions">
          <button
            type="button"
            className="button ghost small"
            disabled={busy}
            onClick={() =>
              void send({
                intent: thread.status === 'open' ? 'resolve' : 'reopen',
                threadId: thread.id,
              })
            }
          >
            {thread.status === 'open' ? 'Resolve' : 'Reopen'}
          </button>
          <button
            type="button"
            className="button ghost small danger-text"
            disabled={busy}
            onClick={() => {
              if (window.confirm('Delete this whole thread?'))
                void send({ intent: 'delete_thread', threadId: thread.id });
            }}
          >
            Delete thread
          </button>
        </div>
      ) : null}
    </li>
  );
}
