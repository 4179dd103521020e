import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { editorSchema } from './editor-extensions.ts';
import { jsonToMarkdown, markdownToJson } from './markdown.ts';

/** A run of text with its marks, as y-prosemirror stores it in an XmlText (`{bold: {}}`…). */
export interface InlineRun {
  insert: string;
  attributes?: Record<string, unknown>;
}

/**
 * Markdown ⇄ the rich text, as far as suggestions need it: accepting one builds Yjs content
 * from its markdown, and a whole-document quote is compared as markdown.
 */
export interface MarkdownCodec {
  /** New, not yet inserted top-level elements for `markdown` (none for blank text). */
  toBlocks(markdown: string): Y.XmlElement[];
  /** The text runs of `markdown` when it is a single paragraph, otherwise null. */
  toInline(markdown: string): InlineRun[] | null;
  /** The rich text as markdown. */
  toMarkdown(fragment: Y.XmlFragment): string;
}

/** Converts `markdown` in a scratch doc and hands `read` the resulting fragment. */
function withConverted<T>(markdown: string, read: (fragment: Y.XmlFragment) => T): T {
  const scratch = new Y.Doc();
  try {
    const fragment = scratch.getXmlFragment('scratch');
    prosemirrorJSONToYXmlFragment(editorSchema(), markdownToJson(markdown), fragment);
    return read(fragment);
  } finally {
    scratch.destroy();
  }
}

/**
 * The editor's own schema and Markdown dialect (`editor-extensions.ts`, `markdown.ts`), so
 * text the AI proposes lands exactly as the editor would have written it: headings, lists,
 * tables, task lists, marks. Shared by the worker and the browser.
 */
export const editorMarkdownCodec: MarkdownCodec = {
  toBlocks(markdown) {
    if (markdown.trim() === '') return [];
    return withConverted(markdown, (fragment) =>
      fragment
        .toArray()
        .filter((node): node is Y.XmlElement => node instanceof Y.XmlElement)
        .map((node) => node.clone()),
    );
  },
  toInline(markdown) {
    if (markdown.trim() === '') return [];
    return withConverted(markdown, (fragment) => {
      const [only, ...rest] = fragment.toArray();
      if (rest.length > 0 || !(only instanceof Y.XmlElement) || only.nodeName !== 'paragraph') {
        return null;
      }
      const runs: InlineRun[] = [];
      for (const child of only.toArray()) {
        // A hard break or inline image makes it more than runs of text.
        if (!(child instanceof Y.XmlText)) return null;
        runs.push(...(child.toDelta() as InlineRun[]));
      }
      return runs;
    });
  },
  toMarkdown(fragment) {
    const json = yXmlFragmentToProseMirrorRootNode(fragment, editorSchema()).toJSON();
    return jsonToMarkdown(json).trim();
  },
};
