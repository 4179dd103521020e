import { explainCloseCode } from '@specboard/doc/close-codes';
import { editorExtensions } from '@specboard/doc/editor-extensions';
import type { Extensions } from '@tiptap/core';

/** The editor's extensions: exactly the schema the servers use (`@specboard/doc`). */
export function sharedExtensions(): Extensions {
  return editorExtensions();
}

export function explainClose(code: number, reason: string): string {
  return explainCloseCode(code) || reason;
}
