import { type PlacedThread, placeThreads, threadsOf } from '@specboard/doc/comment-threads';
import { useMemo } from 'react';
import type * as Y from 'yjs';
import { useYVersion } from '../editor/use-y-version.ts';

/** The document's threads, live, in document order (orphaned ones last). */
export function useThreads(commentsDoc: Y.Doc, textDoc: Y.Doc): PlacedThread[] {
  // Placement depends on the threads and on the text they are anchored in.
  const observed = useMemo(
    () => [threadsOf(commentsDoc), textDoc.getXmlFragment('default')],
    [commentsDoc, textDoc],
  );
  const version = useYVersion(observed);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` is the change signal of both docs.
  return useMemo(() => placeThreads(commentsDoc, textDoc), [commentsDoc, textDoc, version]);
}
