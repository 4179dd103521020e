import { type Kysely, sql } from 'kysely';
import { enableTenantIsolation } from './tenant-isolation.ts';

/**
 * Notifications (issue 14): one row per person told about something in an organisation, under
 * row-level security like every tenant table. `email_pending` is decided when the row is written
 * (from the recipient's preference then), so a later preference change does not resend or drop
 * mail already promised; the digest job clears it by setting `emailed_at`.
 *
 * Preferences belong to the person, not to an organisation: one choice per kind covers every
 * organisation they are in, and an unsubscribe link works without any organisation context. So
 * `notification_preferences` has no `org_id` and is not a tenant table.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const kinds = sql.raw(
    "'mentioned', 'thread_reply', 'thread_resolved', 'ai_suggestion', 'run_finished', 'run_failed', 'card_assigned', 'invited'",
  );
  await sql`
    create table notifications (
      id text primary key check (length(id) = 26),
      org_id text not null references organizations(id),
      recipient_id text not null references users(id) on delete cascade,
      actor_id text references users(id) on delete set null,
      kind text not null check (kind in (${kinds})),
      title text not null,
      link text not null,
      email_pending boolean not null default false,
      read_at timestamptz,
      emailed_at timestamptz,
      created_at timestamptz not null default now()
    )
  `.execute(db);
  await sql`create index notifications_recipient_idx on notifications (recipient_id, created_at desc)`.execute(
    db,
  );
  await sql`create index notifications_unread_idx on notifications (recipient_id) where read_at is null`.execute(
    db,
  );
  await sql`create index notifications_email_pending_idx on notifications (recipient_id) where email_pending`.execute(
    db,
  );
  await enableTenantIsolation(db, 'notifications');

  await sql`
    create table notification_preferences (
      user_id text not null references users(id) on delete cascade,
      kind text not null check (kind in (${kinds})),
      channel text not null check (channel in ('in_app', 'email', 'off')),
      updated_at timestamptz not null default now(),
      primary key (user_id, kind)
    )
  `.execute(db);
}
