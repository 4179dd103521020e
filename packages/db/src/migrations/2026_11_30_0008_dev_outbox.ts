import { type Kysely, sql } from 'kysely';

/**
 * Mail the app would have sent when no SMTP server is configured (development, tests, e2e):
 * kept here so a person or a test can open the links. `links` repeats the URLs of the body so
 * nobody has to parse them back out of the text.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table dev_outbox (
      id bigserial primary key,
      to_address text not null,
      subject text not null,
      body text not null,
      links text[] not null default '{}',
      created_at timestamptz not null default now()
    )
  `.execute(db);
  await sql`create index dev_outbox_to_address_idx on dev_outbox (lower(to_address), id)`.execute(
    db,
  );
}
