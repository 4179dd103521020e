import { APIError } from 'better-auth/api';
import { data, redirect } from 'react-router';
import { auth } from '../auth/auth.server.ts';
import { requireUser, type SessionUser } from '../auth/session.server.ts';
import { assertSameOrigin } from '../security/origin.server.ts';
import { invitationTokenMatches, spendInvitationToken } from './invitation-token.server.ts';

const notValid = (email: string) =>
  data(
    `This invitation is not valid for ${email}: it may have expired, been used already, or be meant for another email address.`,
    { status: 403 },
  );

function refused(error: unknown, email: string): never {
  if (error instanceof APIError && error.statusCode < 500) throw notValid(email);
  throw new Error('could not read the invitation', { cause: error });
}

/**
 * The signed-in user, once the link's secret matches. Checked before anything about the
 * invitation is read, so an id alone reveals nothing.
 */
async function requireInvitee(request: Request, id: string): Promise<SessionUser> {
  const user = await requireUser(request);
  const token = new URL(request.url).searchParams.get('token');
  if (!(await invitationTokenMatches(id, token))) throw notValid(user.email);
  return user;
}

export async function invitationLoader(request: Request, id: string) {
  const user = await requireInvitee(request, id);
  // better-auth shows an invitation only to a verified recipient: first ask for verification.
  if (!user.emailVerified) return { user, state: 'verify-email' as const, invitation: null };
  try {
    const invitation = await auth().api.getInvitation({ query: { id }, headers: request.headers });
    return {
      user,
      state: 'ready' as const,
      invitation: {
        id: invitation.id,
        organizationName: invitation.organizationName,
        inviterEmail: invitation.inviterEmail,
        role: invitation.role,
      },
    };
  } catch (error) {
    refused(error, user.email);
  }
}

export async function acceptInvitationAction(request: Request, id: string) {
  assertSameOrigin(request);
  const user = await requireInvitee(request, id);
  // better-auth checks the rest: pending, unexpired, meant for this verified email.
  try {
    const accepted = await auth().api.acceptInvitation({
      body: { invitationId: id },
      headers: request.headers,
    });
    await spendInvitationToken(id);
    return redirect(`/orgs/${accepted?.member.organizationId ?? ''}`);
  } catch (error) {
    refused(error, user.email);
  }
}
