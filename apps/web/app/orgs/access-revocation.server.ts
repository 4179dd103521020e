import { recordRevocation } from '@specboard/db/revocations';
import { createAuthMiddleware } from 'better-auth/api';
import { z } from 'zod';
import { db } from '../db.server.ts';
import { logger } from '../logger.server.ts';

/**
 * A member's access to an organisation changed (removed, left, role changed): every sync token
 * they hold for it stops working on every sync server, and their open connections close (4409),
 * so the change applies now; the editor then asks for a token for the new role, if any. Written
 * to Postgres (docs/decisions/008-revocation.md), so no call to a sync server can fail here.
 */
export async function revokeMemberAccess(orgId: string, userId: string): Promise<void> {
  await recordRevocation(db(), { userId, scope: 'organization', scopeId: orgId });
  logger().info({ orgId, userId }, 'revoked member sync access');
}

type MemberChange = { member: { organizationId: string; userId: string } };

/**
 * better-auth organization plugin hooks: every way its endpoints change a membership revokes,
 * whether the app's forms call them or a client calls the auth API directly.
 */
export const revokingOrganizationHooks = {
  afterRemoveMember: async ({ member }: MemberChange) =>
    revokeMemberAccess(member.organizationId, member.userId),
  afterUpdateMemberRole: async ({ member }: MemberChange) =>
    revokeMemberAccess(member.organizationId, member.userId),
  afterDeleteOrganization: async ({ organization }: { organization: { id: string } }) => {
    await recordRevocation(db(), { userId: null, scope: 'organization', scopeId: organization.id });
    logger().info({ orgId: organization.id }, 'revoked sync access to a deleted organisation');
  },
};

const leftMember = z.object({ organizationId: z.string(), userId: z.string() });

/**
 * `/organization/leave` runs no member hook, so an after-hook revokes once it has succeeded (its
 * result is then the member row; a refusal is an APIError, which does not parse).
 */
export const revokeOnLeave = createAuthMiddleware(async (ctx) => {
  if (ctx.path !== '/organization/leave') return;
  const left = leftMember.safeParse(ctx.context.returned);
  if (left.success) await revokeMemberAccess(left.data.organizationId, left.data.userId);
});
