import { Form, Link, useActionData, useLoaderData, useNavigation } from 'react-router';
import { roleLabels } from '../auth/permissions.ts';
import { Field } from '../components/field.tsx';
import { NotificationBell } from '../components/notification-bell.tsx';
import { createOrgAction, orgsLoader } from '../orgs/orgs.server.ts';
import type { Route } from './+types/orgs.ts';

export const meta: Route.MetaFunction = () => [{ title: 'Your organisations · Specboard' }];

export async function loader({ request }: Route.LoaderArgs) {
  return orgsLoader(request);
}

export async function action({ request }: Route.ActionArgs) {
  return createOrgAction(request);
}

export default function Orgs() {
  const { user, memberships } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  return (
    <main className="auth-page">
      <div className="auth-card wide">
        <p className="brand row">
          <span className="grow">Specboard</span>
          <NotificationBell />
        </p>
        <h1>Hi {user.name.split(' ')[0]}, pick an organisation</h1>
        {memberships.length > 0 ? (
          <ul className="card-list">
            {memberships.map((m) => (
              <li key={m.orgId}>
                <Link to={`/orgs/${m.orgId}`} className="card-link">
                  <span className="avatar square">{m.orgName.slice(0, 1).toUpperCase()}</span>
                  <span className="grow">{m.orgName}</span>
                  <span className="badge">{roleLabels[m.role]}</span>
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">
            You are not in any organisation yet. Create one for your team, or open the invitation
            link a teammate sent you.
          </p>
        )}
        <Form method="post" className="stack">
          <h2>Create an organisation</h2>
          <Field
            label="Organisation name"
            name="name"
            placeholder="Acme Product"
            required
            errors={result?.fieldErrors.name}
          />
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create organisation'}
          </button>
        </Form>
        <Form method="post" action="/sign-out">
          <button type="submit" className="button link">
            Sign out ({user.email})
          </button>
        </Form>
      </div>
    </main>
  );
}
