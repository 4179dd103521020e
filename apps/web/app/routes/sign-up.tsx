import { Form, Link, redirect, useActionData, useNavigation, useSearchParams } from 'react-router';
import { getSessionUser } from '../auth/session.server.ts';
import { signUpAction } from '../auth/sign-in.server.ts';
import { Field, FormError } from '../components/field.tsx';
import type { Route } from './+types/sign-up.ts';

export const meta: Route.MetaFunction = () => [{ title: 'Create your account · Specboard' }];

export async function loader({ request }: Route.LoaderArgs) {
  if (await getSessionUser(request)) throw redirect('/');
  return null;
}

export async function action({ request }: Route.ActionArgs) {
  return signUpAction(request);
}

export default function SignUp() {
  const result = useActionData<typeof action>();
  const errors = result?.fieldErrors;
  const [params] = useSearchParams();
  const busy = useNavigation().state === 'submitting';
  const redirectTo = params.get('redirectTo') ?? '';
  return (
    <main className="auth-page">
      <div className="auth-card">
        <p className="brand">Specboard</p>
        <h1>Create your account</h1>
        <p className="muted">Write PRDs and tech specs together, live.</p>
        <Form method="post" className="stack">
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <FormError errors={errors?.form} />
          <Field
            label="Your name"
            name="name"
            autoComplete="name"
            autoFocus
            required
            errors={errors?.name}
          />
          <Field
            label="Work email"
            name="email"
            type="email"
            autoComplete="email"
            required
            errors={errors?.email}
          />
          <Field
            label="Password"
            name="password"
            type="password"
            autoComplete="new-password"
            required
            minLength={8}
            hint="At least 8 characters."
            errors={errors?.password}
          />
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? 'Creating account…' : 'Create account'}
          </button>
        </Form>
        <p className="muted">
          Already have an account?{' '}
          <Link to={`/sign-in${redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : ''}`}>
            Sign in
          </Link>
        </p>
      </div>
    </main>
  );
}
