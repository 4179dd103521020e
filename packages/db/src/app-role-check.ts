import { sql } from 'kysely';
import type { Db } from './client.ts';

export interface ConnectedRole {
  user: string;
  /** Superuser or BYPASSRLS: row-level security would not apply. */
  bypassesRls: boolean;
  /** Owns tables: FORCE makes row-level security apply to it, but it could turn it off. */
  ownsTables: boolean;
}

/** Who `db` connects as, and whether row-level security would hold for it. */
export async function connectedRole(db: Db): Promise<ConnectedRole> {
  const { rows } = await sql<{ user: string; bypass: boolean; owns: boolean }>`
    select current_user as user, r.rolsuper or r.rolbypassrls as bypass,
      exists (select from pg_class c where c.relowner = r.oid and c.relkind = 'r'
        and c.relnamespace = 'public'::regnamespace) as owns
    from pg_roles r where r.rolname = current_user`.execute(db);
  const row = rows[0];
  if (!row) throw new Error('could not read the connected role from pg_roles');
  return { user: row.user, bypassesRls: row.bypass, ownsTables: row.owns };
}

/**
 * Refuses a connection on which row-level security would not hold: the apps must connect as a
 * member of `specboard_app`, never as the owner or a superuser (docs/decisions/011).
 */
export async function assertAppRole(db: Db): Promise<ConnectedRole> {
  const role = await connectedRole(db);
  if (role.bypassesRls || role.ownsTables) {
    throw new Error(
      `DATABASE_URL connects as "${role.user}", which ${role.bypassesRls ? 'bypasses row-level security' : 'owns the tables'}; ` +
        'connect the apps as a login that is a member of specboard_app (MIGRATION_DATABASE_URL is the owner, for `pnpm db:migrate`)',
    );
  }
  return role;
}
