import { Form, Link, redirect, useActionData, useNavigation, useSearchParams } from 'react-router';
import { getSessionUser } from '../auth/session.server.ts';
import { signInAction } from '../auth/sign-in.server.ts';
import { Field, FormError } from '../components/field.tsx';
import type { Route } from './+types/sign-in.ts';

export const meta: Route.MetaFunction = () => [{ title: 'Sign in · Specboard' }];

export async function loader({ request }: Route.LoaderArgs) {
  if (await getSessionUser(request)) throw redirect('/');
  return null;
}

export async function action({ request }: Route.ActionArgs) {
  return signInAction(request);
}

export default function SignIn() {
  const result = useActionData<typeof action>();
  const errors = result?.fieldErrors;
  const [params] = useSearchParams();
  const busy = useNavigation().state === 'submitting';
  const redirectTo = params.get('redirectTo') ?? '';
  const passwordReset = params.get('reset') === 'done';
  return (
    <main className="auth-page">
      <div className="auth-card">
        <p className="brand">Specboard</p>
        <h1>Sign in</h1>
        {passwordReset ? (
          <p className="notice">Your password is changed. Sign in with the new one.</p>
        ) : null}
        <Form method="post" className="stack">
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <FormError errors={errors?.form} />
          <Field
            label="Email"
            name="email"
            type="email"
            autoComplete="email"
            autoFocus
            required
            errors={errors?.email}
          />
          <Field
            label="Password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            errors={errors?.password}
          />
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </Form>
        <p className="muted">
          <Link to="/forgot-password">Forgot password?</Link>
        </p>
        <p className="muted">
          New here?{' '}
          <Link to={`/sign-up${redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : ''}`}>
            Create an account
          </Link>
        </p>
      </div>
    </main>
  );
}
