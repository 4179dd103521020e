import type { JSONContent } from '@tiptap/core';
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { editorSchema, RICH_TEXT_FIELD } from './editor-extensions.ts';
import { jsonToMarkdown, markdownToJson } from './markdown.ts';

/**
 * Y.Doc ⇄ ProseMirror JSON ⇄ Markdown on the rich-text fragment, with the editor's own schema,
 * so what a server writes is exactly what the browser editor would have produced.
 */

export function richText(ydoc: Y.Doc): Y.XmlFragment {
  return ydoc.getXmlFragment(RICH_TEXT_FIELD);
}

/** The document as ProseMirror JSON; nodes the schema does not know are dropped. */
export function docToJson(ydoc: Y.Doc): JSONContent {
  return yXmlFragmentToProseMirrorRootNode(richText(ydoc), editorSchema()).toJSON();
}

export function docToMarkdown(ydoc: Y.Doc): string {
  return jsonToMarkdown(docToJson(ydoc));
}

/** True when the rich text holds no visible text (an empty paragraph counts as empty). */
export function isDocEmpty(ydoc: Y.Doc): boolean {
  return yXmlFragmentToProseMirrorRootNode(richText(ydoc), editorSchema()).textContent === '';
}

/**
 * Makes the rich text equal `json` as one transaction tagged with `origin`. y-tiptap diffs
 * against what is there, so unchanged blocks keep their identity (and collaborators' carets).
 */
export function replaceDocJson(ydoc: Y.Doc, json: JSONContent, origin: unknown = null): void {
  ydoc.transact(() => {
    prosemirrorJSONToYXmlFragment(editorSchema(), json, richText(ydoc));
  }, origin);
}

export function replaceDocContent(ydoc: Y.Doc, markdown: string, origin: unknown = null): void {
  replaceDocJson(ydoc, markdownToJson(markdown), origin);
}

/** Writes `markdown` only into an empty document; returns whether it did. */
export function fillDocFromMarkdown(
  ydoc: Y.Doc,
  markdown: string,
  origin: unknown = null,
): boolean {
  if (!isDocEmpty(ydoc)) return false;
  replaceDocContent(ydoc, markdown, origin);
  return true;
}

/** A fresh Y.Doc holding `markdown` (the caller owns it and should `destroy()` it). */
export function docFromMarkdown(markdown: string): Y.Doc {
  const ydoc = new Y.Doc();
  replaceDocContent(ydoc, markdown);
  return ydoc;
}
