import type { Db } from './client.ts';
import { isUlid } from './ids.ts';

/**
 * Who is told about what: small lookups the notifying code needs to find the recipient and to
 * name the subject in one line.
 */

/** The person who started a run and the project it belongs to. */
export async function findRunOwner(
  db: Db,
  orgId: string,
  runId: string,
): Promise<{ triggeredBy: string | null; projectId: string; projectName: string } | undefined> {
  if (!isUlid(orgId) || !isUlid(runId)) return undefined;
  return db
    .selectFrom('plan_runs as r')
    .innerJoin('projects as p', 'p.id', 'r.project_id')
    .select(['r.triggered_by as triggeredBy', 'p.id as projectId', 'p.name as projectName'])
    .where('r.org_id', '=', orgId)
    .where('r.id', '=', runId)
    .executeTakeFirst();
}

/** A document's owner: the person who created it. */
export async function findDocumentOwner(
  db: Db,
  orgId: string,
  documentId: string,
): Promise<{ createdBy: string | null; title: string } | undefined> {
  if (!isUlid(orgId) || !isUlid(documentId)) return undefined;
  return db
    .selectFrom('documents')
    .select(['created_by as createdBy', 'title'])
    .where('org_id', '=', orgId)
    .where('id', '=', documentId)
    .executeTakeFirst();
}

/** The account registered with `email` (case-insensitive), if any. */
export async function findUserIdByEmail(db: Db, email: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst();
  return row?.id;
}
