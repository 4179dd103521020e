import { Form, Link, useActionData, useNavigation } from 'react-router';
import { forgotPasswordAction } from '../auth/email-flows.server.ts';
import { Field } from '../components/field.tsx';
import type { Route } from './+types/forgot-password.ts';

export const meta: Route.MetaFunction = () => [{ title: 'Forgot password · Specboard' }];

export async function action({ request }: Route.ActionArgs) {
  return forgotPasswordAction(request);
}

export default function ForgotPassword() {
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  return (
    <main className="auth-page">
      <div className="auth-card">
        <p className="brand">Specboard</p>
        <h1>Reset your password</h1>
        {result?.ok ? (
          <p className="notice">
            If there is an account for {result.email}, we sent it a link to choose a new password.
          </p>
        ) : (
          <Form method="post" className="stack">
            <Field
              label="Email"
              name="email"
              type="email"
              autoComplete="email"
              autoFocus
              required
              errors={result?.fieldErrors?.email}
            />
            <button type="submit" className="button primary" disabled={busy}>
              {busy ? 'Sending…' : 'Email me a link'}
            </button>
          </Form>
        )}
        <p className="muted">
          <Link to="/sign-in">Back to sign in</Link>
        </p>
      </div>
    </main>
  );
}
