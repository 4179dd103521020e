import { listDocuments } from '@specboard/db/documents';
import { PipelineError } from '@specboard/pipeline';
import { DocSession } from '@specboard/stored-doc';
import { documentDocName, readMarkdown } from '../ai/doc-model.ts';
import type { PlanContext } from './execute-run.ts';

/**
 * The PRD as people have accepted it: the document's current text, without pending
 * suggestions. An empty PRD fails the step with a reason the run view shows; after a variant is
 * accepted, retrying the step continues the run.
 */
export async function readAcceptedPrd(
  context: PlanContext,
  step: string,
): Promise<{ documentId: string; session: DocSession; markdown: string }> {
  const documents = await listDocuments(context.deps.db, context.orgId, context.project.id);
  const prd = documents.find((doc) => doc.type === 'prd');
  if (prd) {
    const session = await DocSession.open(
      context.deps,
      context.orgId,
      documentDocName(prd.id),
      `worker:${context.run.id}`,
    );
    const markdown = readMarkdown(session.doc).trim();
    if (markdown !== '') return { documentId: prd.id, session, markdown };
    session.destroy();
  }
  throw new PipelineError('invalid_input', {
    step,
    reason:
      'the PRD document is empty: accept one of the generated PRD variants (or write the PRD), then retry this step',
    attempts: 0,
  });
}
