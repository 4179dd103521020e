import { type Kysely, sql } from 'kysely';

/** The Yjs persistence of ARCHITECTURE.md §5: the update log, merged snapshots, presence. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('doc_updates')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('doc_name', 'text', (c) => c.notNull())
    .addColumn('update', 'bytea', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('doc_updates_doc_name_id_idx')
    .on('doc_updates')
    .columns(['doc_name', 'id'])
    .execute();

  await db.schema
    .createTable('doc_snapshots')
    .addColumn('doc_name', 'text', (c) => c.primaryKey())
    .addColumn('state', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('presence')
    .addColumn('connection_id', 'text', (c) => c.primaryKey())
    .addColumn('doc_name', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('instance_id', 'text', (c) => c.notNull())
    .addColumn('state', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('connected_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('presence_doc_name_idx').on('presence').column('doc_name').execute();
  await db.schema
    .createIndex('presence_last_seen_at_idx')
    .on('presence')
    .column('last_seen_at')
    .execute();
}
