import { Form, useLoaderData, useLocation } from 'react-router';
import { acceptInvitationAction, invitationLoader } from '../orgs/invitation.server.ts';
import type { Route } from './+types/invitation.ts';

export const meta: Route.MetaFunction = () => [{ title: 'Invitation · Specboard' }];

export async function loader({ request, params }: Route.LoaderArgs) {
  return invitationLoader(request, params.invitationId);
}

export async function action({ request, params }: Route.ActionArgs) {
  return acceptInvitationAction(request, params.invitationId);
}

export default function Invitation() {
  const { user, invitation } = useLoaderData<typeof loader>();
  const location = useLocation();
  if (!invitation) {
    return (
      <main className="auth-page">
        <div className="auth-card stack">
          <p className="brand">Specboard</p>
          <h1>Verify your email first</h1>
          <p>
            To join, open the verification link we sent to <strong>{user.email}</strong>: it brings
            you back here.
          </p>
          <Form method="post" action="/check-email">
            <input
              type="hidden"
              name="redirectTo"
              value={`${location.pathname}${location.search}`}
            />
            <button type="submit" className="button primary">
              Send the verification link again
            </button>
          </Form>
        </div>
      </main>
    );
  }
  return (
    <main className="auth-page">
      <div className="auth-card">
        <p className="brand">Specboard</p>
        <h1>Join {invitation.organizationName}</h1>
        <p>
          {invitation.inviterEmail} invited you ({user.email}) as <strong>{invitation.role}</strong>
          .
        </p>
        <Form method="post">
          <button type="submit" className="button primary">
            Accept and open {invitation.organizationName}
          </button>
        </Form>
      </div>
    </main>
  );
}
