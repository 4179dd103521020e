import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor } from '@tiptap/react';
import { useRef, useState } from 'react';
import { CommentHighlights } from '../comments/comment-highlights.ts';
import { CommentsPanel } from '../comments/comments-panel.tsx';
import { threadFromAddress, useCommentsDoc } from '../comments/use-comments-session.ts';
import { MentionPicker } from '../mentions/mention-picker.ts';
import { suggestionAcceptOrigin } from '../suggestions/accept-origin.ts';
import { SuggestionHighlights } from '../suggestions/suggestion-highlights.ts';
import { SuggestionsPanel } from '../suggestions/suggestions-panel.tsx';
import { AvatarStack } from './avatar-stack.tsx';
import type { CollabEditorProps } from './collab-editor.tsx';
import type { CollabSession, ConnectionState } from './collab-session.ts';
import { ConnectionBadge, describeConnection } from './connection-status.tsx';
import { explainClose, sharedExtensions } from './doc-schema.ts';
import { downloadMarkdown } from './export-markdown.ts';
import { Toolbar } from './toolbar.tsx';
import { usePeers } from './use-peers.ts';
import { useSectionAnchor } from './use-section-anchor.ts';
import './long-document.css';

type EditorSurfaceProps = CollabEditorProps & { session: CollabSession; state: ConnectionState };

export function EditorSurface(props: EditorSurfaceProps) {
  const { session, state, user, readOnly, title, orgId, documentId, syncUrl } = props;
  const peers = usePeers(session.provider);
  const comments = useCommentsDoc(syncUrl, orgId, documentId);
  const [activeThread, setActiveThread] = useState<string | null>(threadFromAddress);
  // A ref, so the editor (created once per session) always opens threads through the latest state.
  const openThread = useRef(setActiveThread);
  const editor = useEditor(
    {
      immediatelyRender: false,
      editable: !readOnly,
      extensions: [
        ...sharedExtensions(),
        Collaboration.configure({
          document: session.doc,
          field: 'default',
          // An accepted AI suggestion is undone with Ctrl+Z like the user's own edit.
          yUndoOptions: { trackedOrigins: [suggestionAcceptOrigin] },
        }),
        SuggestionHighlights.configure({ document: session.doc }),
        CommentHighlights.configure({
          textDoc: session.doc,
          commentsDoc: comments.doc,
          onOpen: (threadId) => openThread.current(threadId),
        }),
        CollaborationCaret.configure({ provider: session.provider, user }),
        MentionPicker.configure({ orgId, documentId }),
      ],
      editorProps: {
        attributes: {
          class: 'prose',
          'aria-label': `${title} (document text)`,
          spellcheck: 'true',
        },
      },
    },
    [session],
  );
  useSectionAnchor(editor, state.kind === 'connected' && state.synced);
  const view = describeConnection(state, readOnly, explainClose);
  return (
    <div className="editor-shell">
      <div className="editor-bar">
        {editor && !readOnly ? (
          <Toolbar editor={editor} />
        ) : (
          <div className="editor-toolbar muted">Read-only</div>
        )}
        <div className="editor-meta">
          <AvatarStack peers={peers} selfId={user.id} />
          <ConnectionBadge view={view} />
          <button
            type="button"
            className="button ghost small"
            disabled={!editor}
            onClick={() => {
              if (editor) void downloadMarkdown(editor.getJSON(), title);
            }}
          >
            Export Markdown
          </button>
        </div>
      </div>
      {state.kind === 'refused' || state.kind === 'offline' || state.kind === 'reconnecting' ? (
        <p className={`editor-notice ${view.tone}`} role="status">
          {view.detail}
        </p>
      ) : null}
      <EditorContent editor={editor} className="editor-body" data-testid="editor" />
      <div className="side-panels">
        <CommentsPanel
          editor={editor}
          textDoc={session.doc}
          commentsDoc={comments.doc}
          connectionProblem={comments.problem}
          orgId={orgId}
          documentId={documentId}
          activeThread={activeThread}
          onActivate={setActiveThread}
        />
        <SuggestionsPanel
          editor={editor}
          doc={session.doc}
          orgId={orgId}
          documentId={documentId}
          userId={user.id}
          canDecide={!readOnly}
        />
      </div>
    </div>
  );
}
