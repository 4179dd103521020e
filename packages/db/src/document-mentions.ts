import { sql, type Transaction } from 'kysely';
import type { Db } from './client.ts';
import { withCrossTenant } from './org-scope.ts';
import type { Database } from './schema.ts';

/**
 * Claims the people a document now mentions more often than ever before, and who are members
 * of the organisation (everyone who can see a document; others are ignored and not recorded).
 * `counts` is the number of mentions of each user id in the stored text. The high-water mark per
 * person is raised in the same statement, so of two concurrent checks only one claims a person,
 * and removing then re-adding a mention claims nobody. Takes the caller's transaction so the
 * notifications it sends commit with the claim.
 */
export async function claimNewMentions(
  trx: Transaction<Database>,
  orgId: string,
  documentId: string,
  counts: ReadonlyMap<string, number>,
): Promise<string[]> {
  if (counts.size === 0) return [];
  const members = await trx
    .selectFrom('members')
    .select('user_id')
    .where('organization_id', '=', orgId)
    .where('user_id', 'in', [...counts.keys()])
    .execute();
  if (members.length === 0) return [];
  const claimed = await trx
    .insertInto('document_mentions')
    .values(
      members.map(({ user_id }) => ({
        org_id: orgId,
        document_id: documentId,
        user_id,
        mentions: counts.get(user_id) ?? 1,
      })),
    )
    .onConflict((conflict) =>
      conflict
        .columns(['org_id', 'document_id', 'user_id'])
        .doUpdateSet((eb) => ({ mentions: eb.ref('excluded.mentions'), notified_at: sql`now()` }))
        .whereRef('document_mentions.mentions', '<', 'excluded.mentions'),
    )
    .returning('user_id')
    .execute();
  return claimed.map((row) => row.user_id);
}

/**
 * The documents, in every organisation, whose log gained a row carrying a mention (the test of
 * migration 0016's trigger) in the last `seconds`: what the mention sweep checks again.
 */
export async function listRecentlyMentioningDocs(
  db: Db,
  seconds: number,
): Promise<{ orgId: string; documentId: string }[]> {
  return withCrossTenant(
    db,
    'mention sweep: documents that gained mentions lately',
    async (trx) => {
      const { rows } = await sql<{ org_id: string; doc_name: string }>`
      select distinct org_id, doc_name from doc_updates
      where doc_name like 'doc:%'
        and created_at > now() - make_interval(secs => ${seconds})
        and position(convert_to('mention', 'UTF8') in update) > 0`.execute(trx);
      return rows.map((row) => ({ orgId: row.org_id, documentId: row.doc_name.slice(4) }));
    },
  );
}
