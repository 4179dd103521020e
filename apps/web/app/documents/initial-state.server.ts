import { docFromMarkdown, docToJson } from '@specboard/doc/content';
import type { JSONContent } from '@tiptap/core';
import * as Y from 'yjs';

export interface InitialDocState {
  /** V1 update, as clients send them: what goes into the `doc_updates` log. */
  update: Uint8Array;
  /** V2 state, as versions store it. */
  versionState: Uint8Array;
  json: JSONContent;
}

/** The first content of a new document, built with the editor's own schema. */
export function initialDocState(markdown: string): InitialDocState {
  const doc = docFromMarkdown(markdown);
  try {
    return {
      update: Y.encodeStateAsUpdate(doc),
      versionState: Y.encodeStateAsUpdateV2(doc),
      json: docToJson(doc),
    };
  } finally {
    doc.destroy();
  }
}
