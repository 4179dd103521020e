import { Form, Link, useLoaderData, useSearchParams } from 'react-router';
import { RelativeTime } from '../components/relative-time.tsx';
import { auditLoader } from '../orgs/audit.server.ts';
import type { Route } from './+types/org-audit.ts';

export const meta: Route.MetaFunction = () => [{ title: 'Audit trail · Specboard' }];

export async function loader({ request, params }: Route.LoaderArgs) {
  return auditLoader(request, params.orgId);
}

/** `plan_run`, `generation_started`, `run.succeeded` as words: identifiers are not prose. */
const words = (identifier: string) => identifier.replace(/[_.-]+/g, ' ');

/** `{"from":"todo","to":"done"}` as `from todo, to done`: enough to read at a glance. */
function describeChanges(changes: Record<string, unknown>): string {
  return Object.entries(changes)
    .filter(([key]) => key !== 'projectId')
    .map(([key, value]) => `${key} ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');
}

export default function OrgAudit() {
  const { entries, people, projects, kinds, filters, olderThan } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const older = new URLSearchParams(params);
  if (olderThan) older.set('before', olderThan);
  return (
    <div className="page">
      <div className="page-head">
        <h1>Audit trail</h1>
      </div>
      <Form method="get" className="audit-filters" aria-label="Filter the audit trail">
        <label className="field">
          <span className="field-label">Person</span>
          <select name="person" defaultValue={filters.person}>
            <option value="">Anyone</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">Project</span>
          <select name="project" defaultValue={filters.project}>
            <option value="">Any project</option>
            {projects.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">Kind</span>
          <select name="kind" defaultValue={filters.kind}>
            <option value="">Anything</option>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {words(k)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button small">
          Filter
        </button>
      </Form>
      {entries.length === 0 ? (
        <p className="empty">Nothing recorded that matches.</p>
      ) : (
        <table className="activity">
          <thead>
            <tr>
              <th>When</th>
              <th>Who</th>
              <th>What</th>
              <th>Details</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td>
                  <RelativeTime iso={entry.createdAt} />
                </td>
                <td>{entry.actorName ?? 'Specboard (worker)'}</td>
                <td>
                  {words(entry.resourceType)} {words(entry.action)}
                </td>
                <td className="muted">{describeChanges(entry.changes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {olderThan ? (
        <Link to={`?${older.toString()}`} className="button ghost small">
          Older
        </Link>
      ) : null}
    </div>
  );
}
