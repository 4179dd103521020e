import type { Db, DocumentVersion, VersionTrigger } from '@specboard/db';
import { loadDocState } from '@specboard/db/doc-log';
import { createVersion, getLatestVersion } from '@specboard/db/versions';
import * as Y from 'yjs';
import { documentDocName, readContentJson, readMarkdown } from '../ai/doc-model.ts';

export interface SnapshotRequest {
  orgId: string;
  documentId: string;
  trigger: VersionTrigger;
  label: string | null;
  createdBy: string | null;
  planRunId?: string | null;
  /** Automatic versions are skipped when the text equals the latest version's. */
  skipWhenUnchanged: boolean;
}

/** The stored document (snapshot ⊕ log) in a throwaway Y.Doc. */
export async function loadDocument(db: Db, documentId: string): Promise<Y.Doc> {
  const state = await loadDocState(db, documentDocName(documentId));
  const doc = new Y.Doc();
  doc.transact(() => {
    if (state.snapshot) Y.applyUpdateV2(doc, state.snapshot);
    for (const row of state.updates) Y.applyUpdate(doc, row.update);
  });
  return doc;
}

/**
 * Records the document as stored now as an immutable version: Yjs state (V2), ProseMirror JSON
 * and Markdown. Returns the version, or null when skipped (unchanged) or the document is gone.
 */
export async function snapshotDocument(
  db: Db,
  request: SnapshotRequest,
): Promise<DocumentVersion | null> {
  const doc = await loadDocument(db, request.documentId);
  try {
    const contentMd = readMarkdown(doc);
    if (request.skipWhenUnchanged) {
      const latest = await getLatestVersion(db, request.orgId, request.documentId);
      if (latest?.content_md === contentMd) return null;
    }
    const version = await createVersion(db, {
      orgId: request.orgId,
      documentId: request.documentId,
      label: request.label,
      trigger: request.trigger,
      yState: Y.encodeStateAsUpdateV2(doc),
      contentJson: readContentJson(doc),
      contentMd,
      createdBy: request.createdBy,
      planRunId: request.planRunId ?? null,
    });
    return version ?? null;
  } finally {
    doc.destroy();
  }
}
