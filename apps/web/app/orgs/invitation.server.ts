import { APIError } from 'better-auth/api';
import { data, redirect } from 'react-router';
import { auth } from '../auth/auth.server.ts';
import { requireUser } from '../auth/session.server.ts';
import { assertSameOrigin } from '../security/origin.server.ts';

function refused(error: unknown, email: string): never {
  if (error instanceof APIError && error.statusCode < 500) {
    throw data(
      `This invitation is not valid for ${email}: it may have expired, been used already, or be meant for another email address.`,
      { status: 403 },
    );
  }
  throw new Error('could not read the invitation', { cause: error });
}

export async function invitationLoader(request: Request, id: string) {
  const user = await requireUser(request);
  try {
    const invitation = await auth().api.getInvitation({ query: { id }, headers: request.headers });
    return {
      user,
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
  const user = await requireUser(request);
  try {
    const accepted = await auth().api.acceptInvitation({
      body: { invitationId: id },
      headers: request.headers,
    });
    return redirect(`/orgs/${accepted?.member.organizationId ?? ''}`);
  } catch (error) {
    refused(error, user.email);
  }
}
