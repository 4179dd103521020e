import { editorMarkdownCodec } from '@specboard/doc/suggestion-markdown';
import {
  isSuggestionStale,
  listSuggestions,
  type SuggestionView,
  suggestionsMap,
} from '@specboard/doc/suggestions';
import { useMemo } from 'react';
import type * as Y from 'yjs';
import { useYVersion } from '../editor/use-y-version.ts';

export type PanelSuggestion = SuggestionView & { stale: boolean };

/** The document's suggestions, live, newest first, each marked stale when its target changed. */
export function useSuggestions(doc: Y.Doc): PanelSuggestion[] {
  // Staleness depends on the suggestions and on the text they target.
  const observed = useMemo(() => [suggestionsMap(doc), doc.getXmlFragment('default')], [doc]);
  const version = useYVersion(observed);
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
