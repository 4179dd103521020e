import { Form, Link, useActionData, useLoaderData } from 'react-router';
import { resubscribeAction, unsubscribeLoader } from '../notifications/preferences.server.ts';
import type { Route } from './+types/notification-unsubscribe.ts';

export const meta: Route.MetaFunction = () => [{ title: 'Unsubscribed · Specboard' }];

export async function loader({ request }: Route.LoaderArgs) {
  return unsubscribeLoader(request);
}

export async function action({ request }: Route.ActionArgs) {
  return resubscribeAction(request);
}

export default function Unsubscribe() {
  const { label, query } = useLoaderData<typeof loader>();
  const undone = useActionData<typeof action>()?.resubscribed;
  return (
    <main className="auth-page">
      <div className="auth-card">
        <p className="brand">Specboard</p>
        {undone ? (
          <h1>Email is back on for “{label}”</h1>
        ) : (
          <>
            <h1>No more email for “{label}”</h1>
            <p className="muted">These still show up in your inbox.</p>
            <Form method="post" action={`/notifications/unsubscribe${query}`}>
              <button type="submit" className="button">
                Undo
              </button>
            </Form>
          </>
        )}
        <Link to="/settings/notifications">All notification preferences</Link>
      </div>
    </main>
  );
}
