import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import { connectComments } from './comments-session.ts';

/** The live comments document of the open document, connected while the page shows it. */
export function useCommentsDoc(
  syncUrl: string,
  orgId: string,
  documentId: string,
): { doc: Y.Doc; problem: string | null } {
  const [doc] = useState(() => new Y.Doc());
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(
    () => connectComments(doc, { syncUrl, orgId, documentId }, setProblem),
    [doc, syncUrl, orgId, documentId],
  );
  return { doc, problem };
}

/** The thread named by `?thread=` in the address, which notification links use. */
export function threadFromAddress(): string | null {
  return typeof window === 'undefined'
    ? null
    : new URLSearchParams(window.location.search).get('thread');
}
