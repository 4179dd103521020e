import { Form, useActionData, useLoaderData, useNavigation } from 'react-router';
import { NotificationBell } from '../components/notification-bell.tsx';
import { preferencesAction, preferencesLoader } from '../notifications/preferences.server.ts';
import type { Route } from './+types/notification-settings.ts';

export const meta: Route.MetaFunction = () => [{ title: 'Notification preferences · Specboard' }];

export async function loader({ request }: Route.LoaderArgs) {
  return preferencesLoader(request);
}

export async function action({ request }: Route.ActionArgs) {
  return preferencesAction(request);
}

const channels = [
  ['in_app', 'In-app'],
  ['email', 'In-app and email'],
  ['off', 'Off'],
] as const;

export default function NotificationSettings() {
  const { preferences } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  return (
    <main className="page">
      <div className="page-head">
        <h1>Notification preferences</h1>
        <NotificationBell />
      </div>
      <p className="lede">
        Email arrives as one digest every few minutes at most, with everything you have not read.
      </p>
      <Form method="post" className="stack panel">
        {preferences.map(({ kind, label, channel }) => (
          <label key={kind} className="field">
            <span className="field-label">{label}</span>
            <select name={kind} defaultValue={channel}>
              {channels.map(([value, text]) => (
                <option key={value} value={value}>
                  {text}
                </option>
              ))}
            </select>
            {result?.fieldErrors?.[kind] ? (
              <span className="field-error">{result.fieldErrors[kind]?.join(' ')}</span>
            ) : null}
          </label>
        ))}
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save'}
        </button>
        {result?.ok ? <p className="notice">Saved.</p> : null}
      </Form>
    </main>
  );
}
