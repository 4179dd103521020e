import type { OrgRole } from '@specboard/db';
import { getMembership } from '@specboard/db/organizations';
import { db } from '../db.server.ts';
import { forbidden, notFound } from '../lib/http.server.ts';
import { can, type OrgAction } from './permissions.ts';
import { requireUser, type SessionUser } from './session.server.ts';

export interface OrgAccess {
  user: SessionUser;
  orgId: string;
  role: OrgRole;
}

/**
 * The signed-in member's access to an organisation for one action. Non-members get 404 (an
 * organisation's existence is not revealed by guessing ids); members lacking the role get 403.
 */
export async function requireOrgAccess(
  request: Request,
  orgId: string | undefined,
  action: OrgAction,
): Promise<OrgAccess> {
  const user = await requireUser(request);
  const membership = orgId ? await getMembership(db(), { orgId, userId: user.id }) : undefined;
  if (!orgId || !membership)
    throw notFound('This organisation does not exist or you are not a member.');
  if (!can(membership.role, action)) {
    throw forbidden(`Your role (${membership.role}) does not allow this.`);
  }
  return { user, orgId, role: membership.role };
}
