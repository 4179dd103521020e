import type { Db, Document } from '@specboard/db';
import { createDocument, listDocuments } from '@specboard/db/documents';

const titles = { prd: 'Product requirements', tech: 'Technical specification' } as const;

/**
 * The project's PRD or tech spec, created on first use. Two jobs creating it at once hit the
 * unique index on (project_id, type); the loser reads the winner's row.
 */
export async function ensureProjectDocument(
  db: Db,
  target: { orgId: string; projectId: string; createdBy: string | null },
  type: 'prd' | 'tech',
): Promise<Document> {
  const find = async () =>
    (await listDocuments(db, target.orgId, target.projectId)).find((doc) => doc.type === type);
  const existing = await find();
  if (existing) return existing;
  try {
    const created = await createDocument(db, {
      orgId: target.orgId,
      projectId: target.projectId,
      type,
      title: titles[type],
      createdBy: target.createdBy,
    });
    if (created) return created;
  } catch (error) {
    const raced = await find();
    if (raced) return raced;
    throw new Error(`could not create the ${type} document`, { cause: error });
  }
  throw new Error(`project ${target.projectId} is gone; cannot create its ${type} document`);
}
