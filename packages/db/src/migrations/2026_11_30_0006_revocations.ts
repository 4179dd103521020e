import { type Kysely, sql } from 'kysely';

/**
 * Revocations (docs/decisions/008-revocation.md): "tokens of this user (or of everyone, when
 * `user_id` is null) for this document, project or organisation issued before `revoked_at` are
 * no longer valid". One row per subject, moved forward by each new revocation, so the table
 * grows with distinct (user, scope) pairs rather than with events. Every insert or update
 * notifies `revocations` with the row, so each sync instance learns of it on commit.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table revocations (
      id bigserial primary key,
      user_id text,
      scope text not null check (scope in ('document', 'project', 'organization')),
      scope_id text not null,
      revoked_at timestamptz not null default now(),
      constraint revocations_subject unique nulls not distinct (user_id, scope, scope_id)
    )
  `.execute(db);
  await sql`
    create function notify_revocation() returns trigger language plpgsql as $$
    begin
      perform pg_notify('revocations', json_build_object(
        'userId', new.user_id,
        'scope', new.scope,
        'scopeId', new.scope_id,
        'revokedAtMs', extract(epoch from new.revoked_at) * 1000
      )::text);
      return null;
    end $$
  `.execute(db);
  await sql`
    create trigger revocations_notify
      after insert or update on revocations
      for each row execute function notify_revocation()
  `.execute(db);
}
