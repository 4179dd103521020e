import { listSuggestions, type SuggestionView, suggestionRange } from '@specboard/doc/suggestions';
import { Extension } from '@tiptap/core';
import type { Node as PmNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type * as Y from 'yjs';
import { pmRange } from './pm-position.ts';

const key = new PluginKey('suggestionHighlights');
const preview = (text: string) => (text.length > 400 ? `${text.slice(0, 400)}…` : text);

function proposedWidget(suggestion: SuggestionView, block: boolean): HTMLElement {
  const element = document.createElement(block ? 'div' : 'ins');
  element.className = `suggestion-proposed${block ? ' block' : ''}`;
  element.dataset.suggestionId = suggestion.id;
  element.textContent = block
    ? `AI ${suggestion.kind === 'insert' ? 'proposes to add' : 'proposes a new version'}: ${preview(suggestion.content)}`
    : preview(suggestion.content);
  return element;
}

function decorationsFor(pmDoc: PmNode, ydoc: Y.Doc): DecorationSet {
  const fragment = ydoc.getXmlFragment('default');
  const decorations: Decoration[] = [];
  for (const suggestion of listSuggestions(ydoc)) {
    if (suggestion.status !== 'pending' && suggestion.status !== 'streaming') continue;
    const resolved = suggestionRange(ydoc, suggestion);
    const range = resolved ? pmRange(pmDoc, fragment, resolved) : null;
    if (!range) continue;
    if (!range.block && range.to > range.from && suggestion.kind !== 'insert') {
      decorations.push(
        Decoration.inline(range.from, range.to, {
          class: `suggestion-target ${suggestion.kind}`,
          'data-suggestion-id': suggestion.id,
        }),
      );
    }
    if (suggestion.kind === 'delete' || suggestion.content === '') continue;
    const at =
      range.block && suggestion.kind === 'insert' ? range.to : range.block ? range.from : range.to;
    decorations.push(
      Decoration.widget(at, () => proposedWidget(suggestion, range.block), {
        key: `${suggestion.id}:${suggestion.content.length}`,
        side: 1,
      }),
    );
  }
  return DecorationSet.create(pmDoc, decorations);
}

/**
 * Shows pending AI suggestions inline: the targeted words highlighted and the proposed text
 * next to them, redrawn whenever a suggestion streams, appears or is decided by anyone.
 */
export const SuggestionHighlights = Extension.create<{ document: Y.Doc | null }>({
  name: 'suggestionHighlights',
  addOptions() {
    return { document: null };
  },
  addProseMirrorPlugins() {
    const ydoc = this.options.document;
    if (!ydoc) return [];
    return [
      new Plugin({
        key,
        props: { decorations: (state) => decorationsFor(state.doc, ydoc) },
        view(view) {
          let scheduled = false;
          const redraw = () => {
            if (scheduled) return;
            scheduled = true;
            // Outside the Yjs observer: y-prosemirror may still be applying the same transaction.
            queueMicrotask(() => {
              scheduled = false;
              if (!view.isDestroyed) view.dispatch(view.state.tr.setMeta(key, 'redraw'));
            });
          };
          const suggestions = ydoc.getMap('suggestions');
          suggestions.observeDeep(redraw);
          return { destroy: () => suggestions.unobserveDeep(redraw) };
        },
      }),
    ];
  },
});
