import type { JSONContent } from '@tiptap/core';
import { MarkdownManager } from '@tiptap/markdown';
import { editorExtensions, editorSchema } from './editor-extensions.ts';

let cachedManager: MarkdownManager | undefined;

function markdownManager(): MarkdownManager {
  cachedManager ??= new MarkdownManager({ extensions: editorExtensions() });
  return cachedManager;
}

/**
 * Parses Markdown (GFM: task lists, tables) into ProseMirror JSON of the editor schema, checked
 * against that schema and with every default attribute filled in, as an editor would store it.
 */
export function markdownToJson(markdown: string): JSONContent {
  return editorSchema().nodeFromJSON(markdownManager().parse(markdown)).toJSON();
}

/** Renders ProseMirror JSON of the editor schema as Markdown. */
export function jsonToMarkdown(json: JSONContent): string {
  return markdownManager().serialize(json);
}
