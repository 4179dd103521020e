import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useRevalidator } from 'react-router';
import { CollabSession, type CollabUser } from './collab-session.ts';
import { EditorSurface } from './editor-surface.tsx';
import type { SyncTokenResponse } from './sync-token-client.ts';

export interface CollabEditorProps {
  syncUrl: string;
  orgId: string;
  documentId: string;
  docName: string;
  title: string;
  token: SyncTokenResponse;
  user: CollabUser;
  readOnly: boolean;
}

/** Opens the live session in the browser only (IndexedDB and WebSocket do not exist on the server). */
export function CollabEditor(props: CollabEditorProps) {
  const [session, setSession] = useState<CollabSession | null>(null);
  const { syncUrl, orgId, documentId, docName, token, user, readOnly } = props;
  const revalidator = useRevalidator();
  // A ref, so a new revalidator identity does not reopen the session.
  const reloadData = useRef(revalidator.revalidate);
  reloadData.current = revalidator.revalidate;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new token must not reopen the session; it refreshes its own.
  useEffect(() => {
    const opened = new CollabSession({
      syncUrl,
      orgId,
      documentId,
      docName,
      token,
      user,
      readOnly,
      // A changed role reaches the page (read-only or not) by reloading its data.
      onAccessChanged: () => void reloadData.current(),
    });
    setSession(opened);
    return () => opened.destroy();
  }, [syncUrl, orgId, documentId, docName, user.id, readOnly]);
  if (!session) {
    return (
      <div className="editor-shell" aria-busy="true">
        <div className="editor-toolbar" />
        <div className="editor-skeleton">Loading document…</div>
      </div>
    );
  }
  return <SessionEditor session={session} {...props} />;
}

function SessionEditor({ session, ...props }: CollabEditorProps & { session: CollabSession }) {
  const state = useSyncExternalStore(session.subscribe, session.getState, session.getState);
  return <EditorSurface session={session} state={state} {...props} />;
}
