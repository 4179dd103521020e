import { Form, Link, useActionData, useLoaderData } from 'react-router';
import { checkEmailLoader, resendVerificationAction } from '../auth/email-flows.server.ts';
import { FormError } from '../components/field.tsx';
import { ACCOUNT_MAILS_PER_ADDRESS_PER_HOUR } from '../mail/account-mail-limit.ts';
import type { Route } from './+types/check-email.ts';

export const meta: Route.MetaFunction = () => [{ title: 'Check your email · Specboard' }];

export async function loader({ request }: Route.LoaderArgs) {
  return checkEmailLoader(request);
}

export async function action({ request }: Route.ActionArgs) {
  return resendVerificationAction(request);
}

export default function CheckEmail() {
  const { email, verified, next, devOutbox } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <main className="auth-page">
      <div className="auth-card stack">
        <p className="brand">Specboard</p>
        <h1>{verified ? 'Your email is verified' : 'Check your email'}</h1>
        {verified ? null : (
          <>
            <p>
              We sent a link to <strong>{email}</strong>. Open it to verify your address: you need
              that to join an organisation you were invited to.
            </p>
            {devOutbox ? (
              <p className="muted">
                No mail server is set up: the message is in the{' '}
                <Link to="/dev/outbox">dev outbox</Link>.
              </p>
            ) : null}
            <Form method="post">
              <input type="hidden" name="redirectTo" value={next} />
              <button type="submit" className="button ghost">
                Send the link again
              </button>
            </Form>
            {result && 'sent' in result ? (
              <p className="notice">
                A new link is on its way (we send at most {ACCOUNT_MAILS_PER_ADDRESS_PER_HOUR} an
                hour).
              </p>
            ) : (
              <FormError errors={result?.fieldErrors.form} />
            )}
          </>
        )}
        <Link to={next} className="button primary">
          Continue to Specboard
        </Link>
      </div>
    </main>
  );
}
