import { type Extensions, getSchema } from '@tiptap/core';
import { TaskItem, TaskList } from '@tiptap/extension-list';
import { TableKit } from '@tiptap/extension-table';
import type { Schema } from '@tiptap/pm/model';
import StarterKit from '@tiptap/starter-kit';
import { DocumentMention } from './document-mention.ts';

/** The Y.XmlFragment that holds a document's rich text (Tiptap Collaboration's `field`). */
export const RICH_TEXT_FIELD = 'default';

/**
 * The editor schema shared by the browser editor and the servers. Undo/redo is off because
 * collaborative editing brings its own Yjs-aware history; nothing here touches the DOM, so the
 * same list builds a schema in Node.
 */
export function editorExtensions(): Extensions {
  return [
    StarterKit.configure({ undoRedo: false, link: { openOnClick: false } }),
    TaskList,
    TaskItem.configure({ nested: true }),
    TableKit.configure({ table: { resizable: false } }),
    DocumentMention,
  ];
}

let cachedSchema: Schema | undefined;

/** The ProseMirror schema of {@link editorExtensions}, built once per process. */
export function editorSchema(): Schema {
  cachedSchema ??= getSchema(editorExtensions());
  return cachedSchema;
}
