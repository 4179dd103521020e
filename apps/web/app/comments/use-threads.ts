import { type PlacedThread, placeThreads, threadsOf } from '@specboard/doc/comment-threads';
import { useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';

/** Bumps on every change to the threads or the text (placement depends on both). */
function subscribeTo(commentsDoc: Y.Doc, textDoc: Y.Doc) {
  let version = 0;
  return {
    subscribe(notify: () => void) {
      const bump = () => {
        version += 1;
        notify();
      };
      const threads = threadsOf(commentsDoc);
      const text = textDoc.getXmlFragment('default');
      threads.observeDeep(bump);
      text.observeDeep(bump);
      return () => {
        threads.unobserveDeep(bump);
        text.unobserveDeep(bump);
      };
    },
    version: () => version,
  };
}

/** The document's threads, live, in document order (orphaned ones last). */
export function useThreads(commentsDoc: Y.Doc, textDoc: Y.Doc): PlacedThread[] {
  const store = useMemo(() => subscribeTo(commentsDoc, textDoc), [commentsDoc, textDoc]);
  const version = useSyncExternalStore(store.subscribe, store.version, () => 0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` is the change signal of both docs.
  return useMemo(() => placeThreads(commentsDoc, textDoc), [commentsDoc, textDoc, version]);
}
