import { recordActivity } from '@specboard/db/activity';
import { APIError } from 'better-auth/api';
import { z } from 'zod';
import { auth } from '../auth/auth.server.ts';
import { emailField } from '../auth/credentials.ts';
import { requireOrgAccess } from '../auth/org-access.server.ts';
import { can, canManageMember, invitableRoles, orgRoles } from '../auth/permissions.ts';
import { db } from '../db.server.ts';
import { invalid, parseForm, readForm } from '../lib/validation.server.ts';
import { logger } from '../logger.server.ts';
import { assertSameOrigin } from '../security/origin.server.ts';
import { spendInvitationBudget } from './invitation-limit.server.ts';
import { manageMemberAction } from './member-roles.server.ts';

const inviteSchema = z.object({
  email: emailField,
  role: z.enum(invitableRoles, 'Pick a role from the list'),
});

export async function membersLoader(request: Request, orgId: string | undefined) {
  const access = await requireOrgAccess(request, orgId, 'org:read');
  const canInvite = can(access.role, 'members:invite');
  const canManage = can(access.role, 'members:manage');
  const self = { role: access.role, userId: access.user.id };
  const members = await auth().api.listMembers({
    query: { organizationId: access.orgId, limit: 200 },
    headers: request.headers,
  });
  const invitations = canInvite
    ? await auth().api.listInvitations({
        query: { organizationId: access.orgId },
        headers: request.headers,
      })
    : [];
  return {
    members: members.members.map((m) => ({
      id: m.id,
      userId: m.userId,
      name: m.user.name,
      email: m.user.email,
      role: m.role,
      manageable: canManage && canManageMember(self, m),
    })),
    invitations: invitations
      .filter((i) => i.status === 'pending' && new Date(i.expiresAt) > new Date())
      .map((i) => ({ id: i.id, email: i.email, role: i.role })),
    canInvite,
    /** Roles this person may hand out: only an owner makes owners. */
    assignableRoles: orgRoles.filter((r) => r !== 'owner' || access.role === 'owner'),
    selfId: access.user.id,
  };
}

/** The members page's form posts: an invitation, or a role change / removal. */
export async function membersAction(request: Request, orgId: string | undefined) {
  assertSameOrigin(request);
  const form = await readForm(request);
  const intent = form.get('intent');
  if (intent === 'change-role' || intent === 'remove') {
    const access = await requireOrgAccess(request, orgId, 'members:manage');
    return manageMemberAction(request, access, form);
  }
  return inviteAction(request, orgId, form);
}

async function inviteAction(request: Request, orgId: string | undefined, form: FormData) {
  const access = await requireOrgAccess(request, orgId, 'members:invite');
  const parsed = parseForm(form, inviteSchema);
  if (!parsed.ok) return invalid(parsed.fieldErrors);
  const limited = spendInvitationBudget(access.user.id, parsed.value.email);
  if (limited) return limited;
  try {
    const invitation = await auth().api.createInvitation({
      // Inviting a pending address again mails a fresh link (the old one stops working).
      body: {
        email: parsed.value.email,
        role: parsed.value.role,
        organizationId: access.orgId,
        resend: true,
      },
      headers: request.headers,
    });
    await recordActivity(db(), {
      orgId: access.orgId,
      actorId: access.user.id,
      resourceType: 'invitation',
      resourceId: invitation.id,
      action: 'created',
      changes: { email: parsed.value.email, role: parsed.value.role },
    });
    return {
      ok: true as const,
      kind: 'invitation' as const,
      fieldErrors: undefined,
      email: parsed.value.email,
    };
  } catch (error) {
    if (error instanceof APIError && error.statusCode < 500) {
      logger().info({ err: error, orgId: access.orgId }, 'invitation refused');
      return invalid({ email: [error.message || 'This person cannot be invited.'] });
    }
    throw new Error('could not create the invitation', { cause: error });
  }
}
