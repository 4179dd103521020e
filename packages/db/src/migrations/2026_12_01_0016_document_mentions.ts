import { type Kysely, sql } from 'kysely';
import { enableTenantIsolation } from './tenant-isolation.ts';

/**
 * Mentions inside document text (docs/decisions/017-document-mentions.md).
 *
 * `document_mentions`: per document and mentioned person, the most mentions of them the
 * document has held when they were last notified (a high-water mark), so removing and re-adding
 * a mention notifies nobody again. A tenant table under row-level security.
 *
 * `NOTIFY document_mentions, '<orgId>:<documentId>'` once per statement that appends updates of
 * a document's rich text containing the bytes of the node name `mention` (Yjs writes a new
 * element's name in clear), whichever process wrote them. The worker listens and checks the
 * stored document; typing without mentions costs nothing more than this scan.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table document_mentions (
      org_id text not null references organizations(id) on delete cascade,
      document_id text not null,
      user_id text not null references users(id) on delete cascade,
      mentions integer not null check (mentions > 0),
      notified_at timestamptz not null default now(),
      primary key (org_id, document_id, user_id),
      constraint document_mentions_document_id_org_fk foreign key (org_id, document_id)
        references documents (org_id, id) on delete cascade
    )
  `.execute(db);
  await enableTenantIsolation(db, 'document_mentions');

  await sql`
    create function notify_document_mentions() returns trigger language plpgsql as $$
    begin
      perform pg_notify('document_mentions', org_id || ':' || substr(doc_name, 5))
        from (
          select distinct org_id, doc_name from appended
          where doc_name like 'doc:%' and position(convert_to('mention', 'UTF8') in update) > 0
        ) mentioning;
      return null;
    end $$
  `.execute(db);
  await sql`
    create trigger doc_updates_document_mentions
      after insert on doc_updates
      referencing new table as appended
      for each statement execute function notify_document_mentions()
  `.execute(db);
}
