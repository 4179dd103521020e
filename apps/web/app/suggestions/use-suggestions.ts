import { editorMarkdownCodec } from '@specboard/doc/suggestion-markdown';
import {
  isSuggestionStale,
  listSuggestions,
  type SuggestionView,
  suggestionsMap,
} from '@specboard/doc/suggestions';
import { useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';

export type PanelSuggestion = SuggestionView & { stale: boolean };

/** Bumps on every change to the suggestions or the text (staleness depends on both). */
function subscribeTo(doc: Y.Doc) {
  let version = 0;
  return {
    subscribe(notify: () => void) {
      const bump = () => {
        version += 1;
        notify();
      };
      const map = suggestionsMap(doc);
      const text = doc.getXmlFragment('default');
      map.observeDeep(bump);
      text.observeDeep(bump);
      return () => {
        map.unobserveDeep(bump);
        text.unobserveDeep(bump);
      };
    },
    version: () => version,
  };
}

/** The document's suggestions, live, newest first, each marked stale when its target changed. */
export function useSuggestions(doc: Y.Doc): PanelSuggestion[] {
  const store = useMemo(() => subscribeTo(doc), [doc]);
  const version = useSyncExternalStore(store.subscribe, store.version, () => 0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` is the change signal of `doc`.
  return useMemo(
    () =>
      listSuggestions(doc)
        .reverse()
        .map((s) => ({
          ...s,
          stale:
            (s.status === 'pending' || s.status === 'streaming') &&
            isSuggestionStale(doc, s, editorMarkdownCodec),
        })),
    [doc, version],
  );
}
