import type { Bus } from '@specboard/bus/bus';
import type { Db, DocumentVersion } from '@specboard/db';
import * as Y from 'yjs';
import { documentDocName } from '../ai/doc-model.ts';
import { DocSession } from '../doc-writer.ts';
import { snapshotDocument } from './snapshot.ts';

/** A version's stored Yjs state; written as V2, but V1 is accepted for older rows. */
export function versionDoc(version: DocumentVersion): Y.Doc {
  const doc = new Y.Doc();
  try {
    Y.applyUpdateV2(doc, version.y_state);
  } catch {
    Y.applyUpdate(doc, version.y_state);
  }
  return doc;
}

/**
 * Restores a version as a new change: the live rich text is replaced by copies of the version's
 * nodes in one Yjs transaction, written through the server-side path so everyone sees it live,
 * then recorded as a `restore` version. History is never rewritten.
 */
export async function restoreVersion(
  deps: { db: Db; bus: Bus },
  input: { orgId: string; version: DocumentVersion; requestedBy: string | null },
): Promise<DocumentVersion | null> {
  const old = versionDoc(input.version);
  const session = await DocSession.open(
    deps,
    documentDocName(input.version.document_id),
    `worker:restore:${input.version.id}`,
  );
  try {
    const source = old.getXmlFragment('default');
    await session.change((doc) => {
      const target = doc.getXmlFragment('default');
      if (target.length > 0) target.delete(0, target.length);
      target.insert(
        0,
        source.toArray().flatMap((node) => (node instanceof Y.XmlHook ? [] : [node.clone()])),
      );
    });
  } finally {
    session.destroy();
    old.destroy();
  }
  return snapshotDocument(deps.db, {
    orgId: input.orgId,
    documentId: input.version.document_id,
    trigger: 'restore',
    label: `Restored version ${input.version.number}`,
    createdBy: input.requestedBy,
    skipWhenUnchanged: false,
  });
}
