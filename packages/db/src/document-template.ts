import type { Db } from './client.ts';
import { withOrg } from './org-scope.ts';
import type { DocumentType, Template } from './schema.ts';

/** Records the template a document was created from. */
export async function setDocumentTemplate(
  db: Db,
  orgId: string,
  documentId: string,
  templateId: string,
): Promise<void> {
  await withOrg(db, orgId, (trx) =>
    trx
      .updateTable('documents')
      .set({ template_id: templateId })
      .where('org_id', '=', orgId)
      .where('id', '=', documentId)
      .execute(),
  );
}

/**
 * What a document is checked against: the template it was created from, else the built-in
 * template of its type (documents from before templates were recorded, or from generation).
 */
export async function templateForDocument(
  db: Db,
  orgId: string,
  document: { id: string; type: DocumentType },
): Promise<Template | undefined> {
  return withOrg(db, orgId, async (trx) => {
    const own = await trx
      .selectFrom('documents as d')
      .innerJoin('templates as t', 't.id', 'd.template_id')
      .selectAll('t')
      .where('d.org_id', '=', orgId)
      .where('d.id', '=', document.id)
      .executeTakeFirst();
    if (own) return own;
    return trx
      .selectFrom('templates')
      .selectAll()
      .where('org_id', 'is', null)
      .where('kind', '=', document.type)
      .orderBy('created_at')
      .executeTakeFirst();
  });
}
