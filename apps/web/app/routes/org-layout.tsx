import { useEffect, useRef } from 'react';
import { Form, Link, NavLink, Outlet, useLoaderData, useSearchParams } from 'react-router';
import { roleLabels } from '../auth/permissions.ts';
import { NotificationBell } from '../components/notification-bell.tsx';
import { orgLayoutLoader } from '../orgs/org-layout.server.ts';
import type { Route } from './+types/org-layout.ts';

export async function loader({ request, params }: Route.LoaderArgs) {
  return orgLayoutLoader(request, params.orgId);
}

/** "/" focuses search from anywhere outside a text field, like most tools people already use. */
function useSlashToSearch(input: React.RefObject<HTMLInputElement | null>) {
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const target = event.target as HTMLElement | null;
      const typing = target?.closest('input, textarea, [contenteditable="true"]');
      if (event.key === '/' && !typing) {
        event.preventDefault();
        input.current?.focus();
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [input]);
}

export default function OrgLayout() {
  const {
    user,
    role,
    org,
    memberships,
    projects,
    canManageTrash,
    canManageAi,
    canSeeUsage,
    canReadAudit,
    canManageIntegrations,
  } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const search = useRef<HTMLInputElement>(null);
  useSlashToSearch(search);
  const base = `/orgs/${org.id}`;
  return (
    <div className="shell">
      <aside className="sidebar">
        <details className="org-switcher">
          <summary>
            <span className="avatar square">{org.name.slice(0, 1).toUpperCase()}</span>
            <span className="grow truncate">{org.name}</span>
          </summary>
          <ul>
            {memberships.map((m) => (
              <li key={m.id}>
                <Link to={`/orgs/${m.id}`} aria-current={m.id === org.id ? 'page' : undefined}>
                  {m.name}
                </Link>
              </li>
            ))}
            <li>
              <Link to="/orgs">+ New organisation</Link>
            </li>
          </ul>
        </details>
        <Form method="get" action={`${base}/search`} role="search" className="search-box">
          <input
            ref={search}
            type="search"
            name="q"
            defaultValue={params.get('q') ?? ''}
            placeholder="Search  ( / )"
            aria-label="Search documents and tasks"
          />
        </Form>
        <nav className="nav">
          <NavLink to={base} end>
            Projects
          </NavLink>
          <NavLink to={`${base}/members`}>Members</NavLink>
          <NavLink to={`${base}/templates`}>Templates</NavLink>
          {canManageTrash ? <NavLink to={`${base}/trash`}>Trash</NavLink> : null}
          {canManageAi ? <NavLink to={`${base}/ai`}>AI settings</NavLink> : null}
          {canSeeUsage ? <NavLink to={`${base}/usage`}>AI usage</NavLink> : null}
          {canReadAudit ? <NavLink to={`${base}/audit`}>Audit trail</NavLink> : null}
          {canManageIntegrations ? (
            <NavLink to={`${base}/integrations`}>Integrations</NavLink>
          ) : null}
        </nav>
        {projects.length > 0 ? (
          <nav className="nav sub" aria-label="Projects">
            {projects.map((p) => (
              <NavLink key={p.id} to={`${base}/projects/${p.id}`} className="truncate">
                {p.name}
              </NavLink>
            ))}
          </nav>
        ) : null}
        <div className="sidebar-foot">
          <span className="avatar">{user.name.slice(0, 1).toUpperCase()}</span>
          <span className="grow truncate" title={user.email}>
            {user.name}
            <small className="muted block">{roleLabels[role]}</small>
          </span>
          <NotificationBell />
          <Form method="post" action="/sign-out">
            <button type="submit" className="button ghost small">
              Sign out
            </button>
          </Form>
        </div>
      </aside>
      <main className="content">
        <Outlet />
      </main>
    </div>
  );
}
