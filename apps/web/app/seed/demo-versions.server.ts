import { createVersion, listVersions } from '@specboard/db/versions';
import { replaceDocContent } from '@specboard/doc/content';
import { formatDocName } from '@specboard/doc/doc-names';
import { changeStoredDoc, versionContentOf } from '@specboard/stored-doc';
import { db } from '../db.server.ts';
import { samplePrdRevisedMarkdown } from './sample-prd.ts';

export interface DemoVersions {
  /** The sample PRD as first written: the board's cards come from it. */
  firstId: string;
  /** After the review that tightened the goals. */
  secondId: string;
}

/**
 * Two versions of the sample PRD: the first is written with its content; the second is an
 * editor's review, made as a live edit of the shared document (y-tiptap diffs the Markdown, so
 * only the Goals list changes) and then saved as an immutable version of what is stored.
 */
export async function seedPrdVersions(
  orgId: string,
  documentId: string,
  editorId: string,
): Promise<DemoVersions> {
  const versions = await listVersions(db(), orgId, documentId);
  const first = versions.find((v) => v.number === 1);
  if (!first) throw new Error(`the sample PRD ${documentId} has no first version to build on`);
  const second = versions.find((v) => v.number === 2);
  if (second) return { firstId: first.id, secondId: second.id };
  const content = await changeStoredDoc(
    { db: db(), bus: null },
    orgId,
    formatDocName('doc', documentId),
    'web:seed',
    (doc) => replaceDocContent(doc, samplePrdRevisedMarkdown),
    versionContentOf,
  );
  const saved = await createVersion(db(), {
    orgId,
    documentId,
    label: 'After review: tighter ownership goals',
    trigger: 'manual',
    ...content,
    createdBy: editorId,
  });
  if (!saved) throw new Error(`could not save version 2 of the sample PRD ${documentId}`);
  return { firstId: first.id, secondId: saved.id };
}
