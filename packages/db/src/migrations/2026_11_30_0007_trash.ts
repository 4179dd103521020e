import { type Kysely, sql } from 'kysely';

/**
 * The trash (docs/decisions/009-trash.md). Versions stay immutable, with one exception: purging
 * a document from the trash deletes its versions. The purge sets the transaction-local setting
 * `specboard.purging_document` to the document's id; the trigger lets a DELETE through only for
 * that document's versions and only while that setting holds, and UPDATE stays refused always.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create or replace function reject_document_version_change() returns trigger
    language plpgsql as $$
    begin
      if tg_op = 'DELETE'
        and old.document_id = current_setting('specboard.purging_document', true) then
        return old;
      end if;
      raise exception 'document_versions rows are immutable (% refused on %)', tg_op, old.id
        using errcode = 'restrict_violation';
    end $$`.execute(db);
}
