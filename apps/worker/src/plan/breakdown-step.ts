import type { Document } from '@specboard/db';
import { getDocument } from '@specboard/db/documents';
import { createVersion, getVersion } from '@specboard/db/versions';
import { type Breakdown, steps } from '@specboard/pipeline';
import type { DocSession } from '@specboard/stored-doc';
import * as Y from 'yjs';
import { readContentJson } from '../ai/doc-model.ts';
import type { PlanContext } from './execute-run.ts';
import { readAcceptedPrd } from './prd-source.ts';
import type { VariantWork } from './variant.ts';

/**
 * The version the breakdown is traced to: the PRD's current version when it still matches the
 * text, otherwise a new automatic version of the text as it is now.
 */
async function sourceVersion(
  context: PlanContext,
  document: Document,
  session: DocSession,
  markdown: string,
): Promise<string> {
  const current = document.current_version_id
    ? await getVersion(context.deps.db, context.orgId, document.current_version_id)
    : undefined;
  if (current && current.content_md.trim() === markdown) return current.id;
  const version = await createVersion(context.deps.db, {
    orgId: context.orgId,
    documentId: document.id,
    label: 'Breakdown source',
    trigger: 'auto',
    yState: Y.encodeStateAsUpdateV2(session.doc),
    contentJson: readContentJson(session.doc),
    contentMd: markdown,
    createdBy: context.run.triggered_by,
    planRunId: context.run.id,
  });
  if (!version) throw new Error(`document ${document.id} disappeared while versioning it`);
  return version.id;
}

/** breakdown: epics and stories from a version of the accepted PRD, stored on the step row. */
export function breakdownWork(context: PlanContext): VariantWork<Breakdown> {
  return {
    async call(resolved, signal) {
      const prd = await readAcceptedPrd(context, 'breakdown');
      try {
        const document = await getDocument(context.deps.db, context.orgId, prd.documentId);
        if (!document) throw new Error(`PRD ${prd.documentId} disappeared`);
        const versionId = await sourceVersion(context, document, prd.session, prd.markdown);
        return await resolved.provider.run(
          steps.breakdown,
          { documentMarkdown: prd.markdown, versionId },
          { model: resolved.model, signal },
        );
      } finally {
        prd.session.destroy();
      }
    },
    async deliver(result) {
      return result.output;
    },
  };
}
