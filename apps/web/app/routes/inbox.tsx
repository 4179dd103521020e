import { Form, Link, useLoaderData } from 'react-router';
import { NotificationBell } from '../components/notification-bell.tsx';
import { RelativeTime } from '../components/relative-time.tsx';
import { inboxAction, inboxLoader } from '../notifications/inbox.server.ts';
import type { Route } from './+types/inbox.ts';

export const meta: Route.MetaFunction = () => [{ title: 'Inbox · Specboard' }];

export async function loader({ request }: Route.LoaderArgs) {
  return inboxLoader(request);
}

export async function action({ request }: Route.ActionArgs) {
  return inboxAction(request);
}

export default function Inbox() {
  const { items, unread, olderThan } = useLoaderData<typeof loader>();
  return (
    <main className="page">
      <div className="page-head">
        <h1>
          Inbox <NotificationBell revalidateOnChange />
        </h1>
        <div className="row">
          <Link to="/settings/notifications" className="button ghost small">
            Preferences
          </Link>
          <Link to="/orgs" className="button ghost small">
            Organisations
          </Link>
          {unread > 0 ? (
            <Form method="post">
              <button type="submit" name="intent" value="read-all" className="button small">
                Mark all read
              </button>
            </Form>
          ) : null}
        </div>
      </div>
      {items.length === 0 ? (
        <p className="empty">
          Nothing here yet. Mentions, replies, runs and assignments show up here.
        </p>
      ) : (
        <ul className="inbox" aria-label="Notifications">
          {items.map((item) => (
            <li key={item.id} className={`inbox-item${item.readAt ? '' : ' unread'}`}>
              <Form method="post" className="grow">
                <input type="hidden" name="id" value={item.id} />
                <button type="submit" name="intent" value="open" className="inbox-open">
                  <span className="inbox-title block">{item.title}</span>
                  <small className="muted">
                    {item.orgName}
                    {item.actorName ? ` · ${item.actorName}` : ''} ·{' '}
                    <RelativeTime iso={item.createdAt} />
                  </small>
                </button>
              </Form>
              {item.readAt ? null : (
                <Form method="post">
                  <input type="hidden" name="id" value={item.id} />
                  <button type="submit" name="intent" value="read" className="button ghost small">
                    Mark read
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      )}
      {olderThan ? (
        <Link to={`?before=${olderThan}`} className="button ghost small">
          Older
        </Link>
      ) : null}
    </main>
  );
}
