import { Form, Link, useActionData, useLoaderData, useNavigation } from 'react-router';
import { resetPasswordAction, resetPasswordLoader } from '../auth/email-flows.server.ts';
import { Field, FormError } from '../components/field.tsx';
import type { Route } from './+types/reset-password.ts';

export const meta: Route.MetaFunction = () => [{ title: 'Choose a new password · Specboard' }];

export function loader({ request }: Route.LoaderArgs) {
  return resetPasswordLoader(request);
}

export async function action({ request }: Route.ActionArgs) {
  return resetPasswordAction(request);
}

export default function ResetPassword() {
  const { token } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  return (
    <main className="auth-page">
      <div className="auth-card">
        <p className="brand">Specboard</p>
        <h1>Choose a new password</h1>
        {token ? (
          <Form method="post" className="stack">
            <input type="hidden" name="token" value={token} />
            <FormError errors={result?.fieldErrors?.form ?? result?.fieldErrors?.token} />
            <Field
              label="New password"
              name="password"
              type="password"
              autoComplete="new-password"
              autoFocus
              required
              minLength={8}
              hint="At least 8 characters. You will be signed out everywhere."
              errors={result?.fieldErrors?.password}
            />
            <button type="submit" className="button primary" disabled={busy}>
              {busy ? 'Saving…' : 'Save password'}
            </button>
          </Form>
        ) : (
          <p className="notice">This link has expired or was used already.</p>
        )}
        <p className="muted">
          <Link to="/forgot-password">Ask for a new link</Link>
        </p>
      </div>
    </main>
  );
}
