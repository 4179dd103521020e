import type { Db } from './client.ts';
import { isUlid, newId } from './ids.ts';
import type { OrgRole } from './schema.ts';

export interface Membership {
  orgId: string;
  orgName: string;
  orgSlug: string;
  role: OrgRole;
}

/** The user's role in the organisation, or undefined when they are not a member. */
export async function getMembership(
  db: Db,
  { orgId, userId }: { orgId: string; userId: string },
): Promise<{ role: OrgRole } | undefined> {
  if (!isUlid(orgId)) return undefined;
  return db
    .selectFrom('members')
    .select('role')
    .where('organization_id', '=', orgId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** Every organisation the user belongs to, by name. */
export async function listMemberships(db: Db, userId: string): Promise<Membership[]> {
  const rows = await db
    .selectFrom('members')
    .innerJoin('organizations', 'organizations.id', 'members.organization_id')
    .select([
      'organizations.id as orgId',
      'organizations.name as orgName',
      'organizations.slug as orgSlug',
      'members.role as role',
    ])
    .where('members.user_id', '=', userId)
    .orderBy('organizations.name')
    .execute();
  return rows;
}

export interface NewUser {
  name: string;
  email: string;
}

/**
 * Creates a user row without credentials. Accounts with passwords are made by the auth
 * library; this serves seeds and tests that need a person to own things.
 */
export async function createUser(db: Db, user: NewUser): Promise<{ id: string }> {
  const id = newId();
  await db.insertInto('users').values({ id, name: user.name, email: user.email }).execute();
  return { id };
}

/** Creates an organisation with its first member as owner (seeds and tests; the web app uses the auth library). */
export async function createOrganization(
  db: Db,
  org: { name: string; slug: string; ownerId: string },
): Promise<{ id: string }> {
  const id = newId();
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('organizations').values({ id, name: org.name, slug: org.slug }).execute();
    await trx
      .insertInto('members')
      .values({ id: newId(), organization_id: id, user_id: org.ownerId, role: 'owner' })
      .execute();
  });
  return { id };
}

/** Adds (or changes the role of) a member. */
export async function addMember(
  db: Db,
  member: { orgId: string; userId: string; role: OrgRole },
): Promise<void> {
  await db
    .insertInto('members')
    .values({
      id: newId(),
      organization_id: member.orgId,
      user_id: member.userId,
      role: member.role,
    })
    .onConflict((oc) =>
      oc.columns(['organization_id', 'user_id']).doUpdateSet({ role: member.role }),
    )
    .execute();
}
