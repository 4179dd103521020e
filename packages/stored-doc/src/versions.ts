import type { Db, DocumentVersion, VersionTrigger } from '@specboard/db';
import { createVersion, getLatestVersion } from '@specboard/db/versions';
import { docToJson, docToMarkdown } from '@specboard/doc/content';
import { formatDocName } from '@specboard/doc/doc-names';
import { docFromVersionState, replaceRichText } from '@specboard/doc/version-state';
import * as Y from 'yjs';
import { DocSession, type DocWriteDeps } from './doc-session.ts';
import { withStoredDoc } from './load.ts';

/**
 * Versions (ARCHITECTURE.md §9): an immutable row holding the document's Yjs state (V2),
 * ProseMirror JSON and Markdown, all three taken from one Y.Doc, so a row never contradicts
 * itself. Saving reads the stored document; restoring writes a version's content back as a new
 * change through the write path and records the result as a new version.
 */

export interface VersionContent {
  yState: Uint8Array;
  contentJson: unknown;
  contentMd: string;
}

/** What a version of `doc` records, through the editor's own schema (tables, task lists…). */
export function versionContentOf(doc: Y.Doc): VersionContent {
  return {
    yState: Y.encodeStateAsUpdateV2(doc),
    contentJson: docToJson(doc),
    contentMd: docToMarkdown(doc).trim(),
  };
}

/** The content of the document as stored now (snapshot ⊕ log). */
export function storedVersionContent(
  db: Db,
  orgId: string,
  documentId: string,
): Promise<VersionContent> {
  return withStoredDoc(db, orgId, formatDocName('doc', documentId), versionContentOf);
}

export interface SaveVersionRequest {
  orgId: string;
  documentId: string;
  trigger: VersionTrigger;
  label: string | null;
  createdBy: string | null;
  planRunId?: string | null;
  /** Automatic versions are skipped when the text equals the latest version's. */
  skipWhenUnchanged: boolean;
}

/**
 * Records the document as stored now as a new version. Null when skipped (unchanged) or when
 * the document is not a live document of the organisation.
 */
export async function saveStoredVersion(
  db: Db,
  request: SaveVersionRequest,
): Promise<DocumentVersion | null> {
  const content = await storedVersionContent(db, request.orgId, request.documentId);
  if (request.skipWhenUnchanged) {
    const latest = await getLatestVersion(db, request.orgId, request.documentId);
    if (latest?.content_md === content.contentMd) return null;
  }
  const version = await createVersion(db, {
    orgId: request.orgId,
    documentId: request.documentId,
    label: request.label,
    trigger: request.trigger,
    ...content,
    createdBy: request.createdBy,
    planRunId: request.planRunId ?? null,
  });
  return version ?? null;
}

/**
 * Restores a version as a new change: the live rich text is replaced by the version's, in one
 * Yjs update written through the server-side path (everyone sees it live), then recorded as a
 * `restore` version. History is never rewritten. Null when the document is gone.
 */
export async function restoreStoredVersion(
  deps: DocWriteDeps,
  input: { orgId: string; version: DocumentVersion; requestedBy: string | null; origin: string },
): Promise<DocumentVersion | null> {
  const old = docFromVersionState(input.version.y_state);
  const session = await DocSession.open(
    deps,
    input.orgId,
    formatDocName('doc', input.version.document_id),
    input.origin,
  );
  try {
    await session.change((doc) => replaceRichText(doc, old));
  } finally {
    session.destroy();
    old.destroy();
  }
  return saveStoredVersion(deps.db, {
    orgId: input.orgId,
    documentId: input.version.document_id,
    trigger: 'restore',
    label: `Restored version ${input.version.number}`,
    createdBy: input.requestedBy,
    skipWhenUnchanged: false,
  });
}
