import type { Kysely } from 'kysely';

/**
 * `doc_activity`: per Yjs document, the time of the newest change that compaction has folded
 * into the snapshot and deleted from `doc_updates`. The log keeps the time of every newer change,
 * so a document's last change is the later of the two. Automatic versions read both: before
 * this, a document closed within five minutes of an edit was compacted on unload before the
 * idle-version job could see the edit, and never got an automatic version.
 *
 * Compaction writes it (under its per-document advisory lock, in the transaction that deletes the
 * rows), not the append path: an upsert per append — by trigger or by `appendDocUpdates` — takes
 * a row lock per document, so an append inside a longer transaction would stall every other
 * writer of that document until it commits; appends of one document never wait for each other
 * today. Changes compacted before this migration are not known, as before.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('doc_activity')
    .addColumn('doc_name', 'text', (c) => c.primaryKey())
    .addColumn('last_changed_at', 'timestamptz', (c) => c.notNull())
    .execute();
}
