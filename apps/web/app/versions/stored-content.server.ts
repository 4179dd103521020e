import type { Db } from '@specboard/db';
import { loadDocState } from '@specboard/db/doc-log';
import { docToJson, docToMarkdown } from '@specboard/doc/content';
import { formatDocName } from '@specboard/doc/doc-names';
import * as Y from 'yjs';

/**
 * What a version records, read from the stored log (snapshot ⊕ updates) into a throwaway Y.Doc:
 * nothing is kept or broadcast. ProseMirror JSON and Markdown come from the editor's own schema
 * (`@specboard/doc/content`), exactly as the worker writes them, tables and task lists included.
 */

export interface VersionContent {
  yState: Uint8Array;
  contentJson: unknown;
  contentMd: string;
}

export function contentOf(doc: Y.Doc): VersionContent {
  return {
    yState: Y.encodeStateAsUpdateV2(doc),
    contentJson: docToJson(doc),
    contentMd: docToMarkdown(doc).trim(),
  };
}

export async function storedDocumentContent(db: Db, documentId: string): Promise<VersionContent> {
  const state = await loadDocState(db, formatDocName('doc', documentId));
  const doc = new Y.Doc();
  try {
    doc.transact(() => {
      if (state.snapshot) Y.applyUpdateV2(doc, state.snapshot);
      for (const row of state.updates) Y.applyUpdate(doc, row.update);
    });
    return contentOf(doc);
  } finally {
    doc.destroy();
  }
}
