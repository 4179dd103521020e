import { recordActivity } from '@specboard/db/activity';
import { APIError } from 'better-auth/api';
import { data } from 'react-router';
import { z } from 'zod';
import { auth } from '../auth/auth.server.ts';
import type { OrgAccess } from '../auth/org-access.server.ts';
import { canManageMember, orgRoles } from '../auth/permissions.ts';
import { db } from '../db.server.ts';
import type { FieldErrors } from '../lib/field-errors.ts';
import { invalid, parseForm } from '../lib/validation.server.ts';

const changeRoleSchema = z.object({
  intent: z.literal('change-role'),
  memberId: z.string().min(1),
  role: z.enum(orgRoles, 'Pick a role from the list'),
});

const removeSchema = z.object({
  intent: z.literal('remove'),
  memberId: z.string().min(1),
});

function refused(message: string, status = 403) {
  return data({ ok: false as const, fieldErrors: { form: [message] } as FieldErrors }, { status });
}

/**
 * Owners and admins change roles and remove members; the auth library re-checks (an admin cannot
 * touch an owner or grant ownership; the last owner stays). Nobody changes their own membership
 * here, so an admin cannot lock themselves out by accident. The auth library's member hooks
 * revoke the person's sync access (access-revocation.server.ts), so the change applies at once.
 */
export async function manageMemberAction(request: Request, access: OrgAccess, form: FormData) {
  const parsed =
    form.get('intent') === 'remove'
      ? parseForm(form, removeSchema)
      : parseForm(form, changeRoleSchema);
  if (!parsed.ok) return invalid(parsed.fieldErrors);
  const input = parsed.value;
  const organizationId = access.orgId;
  const { members } = await auth().api.listMembers({
    query: { organizationId, limit: 1000 },
    headers: request.headers,
  });
  const member = members.find((m) => m.id === input.memberId);
  if (!member) return refused('This person is not a member of this organisation.', 404);
  if (!canManageMember({ role: access.role, userId: access.user.id }, member)) {
    return refused(
      member.userId === access.user.id
        ? 'You cannot change your own membership.'
        : 'Only an owner can change an owner.',
    );
  }
  try {
    if (input.intent === 'remove') {
      await auth().api.removeMember({
        body: { memberIdOrEmail: member.id, organizationId },
        headers: request.headers,
      });
    } else {
      await auth().api.updateMemberRole({
        body: { memberId: member.id, role: input.role, organizationId },
        headers: request.headers,
      });
    }
    await recordActivity(db(), {
      orgId: organizationId,
      actorId: access.user.id,
      resourceType: 'member',
      resourceId: member.id,
      action: input.intent === 'remove' ? 'removed' : 'role-changed',
      changes: input.intent === 'remove' ? {} : { role: input.role },
    });
    return { ok: true as const, kind: 'membership' as const, fieldErrors: undefined };
  } catch (error) {
    if (error instanceof APIError && error.statusCode < 500) {
      return refused(error.message || 'You cannot change this membership.');
    }
    throw new Error('could not change the membership', { cause: error });
  }
}
