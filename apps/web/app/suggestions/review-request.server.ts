import type { Document } from '@specboard/db';
import { templateForDocument } from '@specboard/db/document-template';
import { enqueueReview } from '@specboard/jobs';
import { db } from '../db.server.ts';
import { ensureBuiltInTemplates, templateStructureSchema } from '../documents/templates.server.ts';
import { jobQueue } from '../runs/job-queue.server.ts';

/**
 * "Review completeness" on a document: a review run that checks it against its own template (the
 * one it was created from, else the built-in one of its type). Findings arrive as suggestions.
 */
export async function requestReview(
  orgId: string,
  document: Pick<Document, 'id' | 'type'>,
  requestedBy: string,
): Promise<{ runId: string }> {
  await ensureBuiltInTemplates();
  const template = await templateForDocument(db(), orgId, document);
  const structure = templateStructureSchema.safeParse(template?.structure);
  return enqueueReview(await jobQueue(), {
    orgId,
    documentId: document.id,
    requestedBy,
    sections: structure.success ? structure.data.sections : [],
  });
}
