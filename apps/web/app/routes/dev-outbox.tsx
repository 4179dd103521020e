import { useLoaderData } from 'react-router';
import { CopyLink } from '../components/copy-link.tsx';
import { devOutboxLoader } from '../mail/outbox.server.ts';
import type { Route } from './+types/dev-outbox.ts';

export const meta: Route.MetaFunction = () => [{ title: 'Dev outbox · Specboard' }];

export async function loader() {
  return devOutboxLoader();
}

export default function DevOutbox() {
  const { messages } = useLoaderData<typeof loader>();
  return (
    <main className="page stack">
      <h1>Dev outbox</h1>
      <p className="muted">
        Mail the app would have sent: no SMTP_URL is set. Newest first. Not available in production.
      </p>
      {messages.length === 0 ? <p>No mail yet.</p> : null}
      <ul className="card-list">
        {messages.map((m) => (
          <li key={m.id} className="panel stack" data-testid="outbox-message">
            <strong>{m.subject}</strong>
            <span className="muted">
              To {m.to} · {new Date(m.sentAt).toLocaleString()}
            </span>
            <pre className="outbox-body">{m.body}</pre>
            {m.links.map((link) => (
              <CopyLink key={link} href={link} />
            ))}
          </li>
        ))}
      </ul>
    </main>
  );
}
