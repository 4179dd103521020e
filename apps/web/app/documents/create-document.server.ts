import type { DocumentType } from '@specboard/db';
import { appendDocUpdates } from '@specboard/db/doc-log';
import { setDocumentTemplate } from '@specboard/db/document-template';
import { createDocument } from '@specboard/db/documents';
import { getTemplate } from '@specboard/db/templates';
import { createVersion } from '@specboard/db/versions';
import { formatDocName } from '@specboard/doc/doc-names';
import { db } from '../db.server.ts';
import type { FieldErrors } from '../lib/field-errors.ts';
import { initialDocState } from './initial-state.server.ts';
import { documentTypeLabels, templateMarkdown } from './templates.server.ts';

export interface CreateDocumentInput {
  orgId: string;
  projectId: string;
  userId: string;
  type: DocumentType;
  title: string;
  templateId: string | undefined;
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === '23505';
}

/** Creates the document row and, from a template, its first content. */
export async function createDocumentFromTemplate(
  input: CreateDocumentInput,
): Promise<{ ok: true; id: string } | { ok: false; fieldErrors: FieldErrors }> {
  const template = input.templateId
    ? await getTemplate(db(), input.orgId, input.templateId)
    : undefined;
  if (input.templateId && !template)
    return { ok: false, fieldErrors: { templateId: ['Pick a template from the list'] } };
  if (template && template.kind !== input.type) {
    return {
      ok: false,
      fieldErrors: { templateId: [`That template is for a ${documentTypeLabels[template.kind]}`] },
    };
  }
  let document: Awaited<ReturnType<typeof createDocument>>;
  try {
    document = await createDocument(db(), {
      orgId: input.orgId,
      projectId: input.projectId,
      type: input.type,
      title: input.title,
      createdBy: input.userId,
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      return {
        ok: false,
        fieldErrors: {
          type: [
            `This project already has a ${documentTypeLabels[input.type]}. Open it instead, or create notes.`,
          ],
        },
      };
    }
    throw new Error('could not create the document', { cause: error });
  }
  if (!document) return { ok: false, fieldErrors: { form: ['This project is archived or gone.'] } };
  if (template) {
    await setDocumentTemplate(db(), input.orgId, document.id, template.id);
    await writeInitialContent({
      orgId: input.orgId,
      documentId: document.id,
      userId: input.userId,
      markdown: templateMarkdown(input.title, template),
      origin: `web:template:${template.id}`,
      label: `Created from “${template.name}”`,
    });
  }
  return { ok: true, id: document.id };
}

/**
 * The first content of a new, empty document: written to the Yjs update log before anyone
 * connects (so the sync server loads it like any other update) and recorded as version 1 so
 * search finds it at once.
 */
export async function writeInitialContent(content: {
  orgId: string;
  documentId: string;
  userId: string;
  markdown: string;
  origin: string;
  label: string;
}): Promise<void> {
  const state = initialDocState(content.markdown);
  await appendDocUpdates(db(), content.orgId, [
    {
      docName: formatDocName('doc', content.documentId),
      update: state.update,
      origin: content.origin,
    },
  ]);
  await createVersion(db(), {
    orgId: content.orgId,
    documentId: content.documentId,
    label: content.label,
    trigger: 'auto',
    yState: state.versionState,
    contentJson: state.json,
    contentMd: content.markdown,
    createdBy: content.userId,
  });
}
