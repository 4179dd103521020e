import type { JSONContent } from '@tiptap/core';
import Mention from '@tiptap/extension-mention';

/** The node name of a mention, as stored in the Yjs rich text and in ProseMirror JSON. */
export const MENTION_NODE = 'mention';

/** What a mention shows: the name it was given when inserted, or a neutral word without one. */
export function mentionText(attrs: Record<string, unknown> | undefined): string {
  const label = attrs?.label;
  return `@${typeof label === 'string' && label.trim() !== '' ? label : 'someone'}`;
}

/**
 * Tiptap's mention node (`id` = the person's user id, `label` = their name at the time) as part
 * of the shared schema. It carries no suggestion plugin: servers only read and write the node,
 * and the browser adds its own picker (`apps/web/app/mentions`). Markdown has no mention syntax,
 * so a mention is written as the plain `@Name` people read; the official shortcode
 * (`[@ id="…" label="…"]`) is still understood when parsing, for tools that want the id kept.
 */
export const DocumentMention = Mention.extend({
  addProseMirrorPlugins() {
    return [];
  },
  renderText({ node }) {
    return mentionText(node.attrs);
  },
  renderMarkdown(node: JSONContent) {
    return mentionText(node.attrs);
  },
}).configure({
  HTMLAttributes: { class: 'mention' },
  renderHTML: ({ options, node }) => ['span', options.HTMLAttributes, mentionText(node.attrs)],
});
