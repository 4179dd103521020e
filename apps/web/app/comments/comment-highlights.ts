import { placeThreads, threadsOf } from '@specboard/doc/comment-threads';
import { Extension } from '@tiptap/core';
import type { Node as PmNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type * as Y from 'yjs';
import { pmRange } from '../suggestions/pm-position.ts';

const key = new PluginKey('commentHighlights');

function decorationsFor(pmDoc: PmNode, textDoc: Y.Doc, commentsDoc: Y.Doc): DecorationSet {
  const fragment = textDoc.getXmlFragment('default');
  const decorations: Decoration[] = [];
  for (const thread of placeThreads(commentsDoc, textDoc)) {
    if (thread.status !== 'open' || thread.placement.orphaned) continue;
    const { text, from, to } = thread.placement;
    const range = pmRange(pmDoc, fragment, { type: 'text', text, from, to });
    if (!range || range.to <= range.from) continue;
    decorations.push(
      Decoration.inline(range.from, range.to, {
        class: 'comment-anchor',
        'data-thread-id': thread.id,
      }),
    );
  }
  return DecorationSet.create(pmDoc, decorations);
}

/**
 * Highlights the text each open thread is anchored to, redrawn whenever a thread is added,
 * resolved or deleted; a click on a highlight calls `onOpen` with the thread id.
 */
export const CommentHighlights = Extension.create<{
  textDoc: Y.Doc | null;
  commentsDoc: Y.Doc | null;
  onOpen: (threadId: string) => void;
}>({
  name: 'commentHighlights',
  addOptions() {
    return { textDoc: null, commentsDoc: null, onOpen: () => undefined };
  },
  addProseMirrorPlugins() {
    const { textDoc, commentsDoc, onOpen } = this.options;
    if (!textDoc || !commentsDoc) return [];
    return [
      new Plugin({
        key,
        props: {
          decorations: (state) => decorationsFor(state.doc, textDoc, commentsDoc),
          handleClick: (_view, _pos, event) => {
            const target = event.target instanceof HTMLElement ? event.target : null;
            const threadId = target?.closest<HTMLElement>('.comment-anchor')?.dataset.threadId;
            if (threadId) onOpen(threadId);
            return false;
          },
        },
        view(view) {
          let scheduled = false;
          const redraw = () => {
            if (scheduled) return;
            scheduled = true;
            queueMicrotask(() => {
              scheduled = false;
              if (!view.isDestroyed) view.dispatch(view.state.tr.setMeta(key, 'redraw'));
            });
          };
          const threads = threadsOf(commentsDoc);
          threads.observeDeep(redraw);
          return { destroy: () => threads.unobserveDeep(redraw) };
        },
      }),
    ];
  },
});
