import { Form, useLoaderData } from 'react-router';
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
