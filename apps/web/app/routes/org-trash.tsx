import { Form, Link, useActionData, useLoaderData, useNavigation } from 'react-router';
import { RelativeTime } from '../components/relative-time.tsx';
import { trashAction, trashLoader } from '../projects/trash.server.ts';
import type { Route } from './+types/org-trash.ts';

export const meta: Route.MetaFunction = () => [{ title: 'Trash · Specboard' }];

export async function loader({ request, params }: Route.LoaderArgs) {
  return trashLoader(request, params.orgId);
}

export async function action({ request, params }: Route.ActionArgs) {
  return trashAction(request, params.orgId);
}

/** Restore, or purge behind a tick box and a browser confirmation (purging cannot be undone). */
function TrashActions({
  kind,
  id,
  name,
}: {
  kind: 'project' | 'document';
  id: string;
  name: string;
}) {
  const busy = useNavigation().state === 'submitting';
  return (
    <div className="row">
      <Form method="post">
        <input type="hidden" name="intent" value={`restore-${kind}`} />
        <input type="hidden" name="id" value={id} />
        <button type="submit" className="button small" disabled={busy}>
          Restore
        </button>
      </Form>
      <Form
        method="post"
        className="row"
        onSubmit={(event) => {
          if (!window.confirm(`Purge “${name}” for good? This cannot be undone.`))
            event.preventDefault();
        }}
      >
        <input type="hidden" name="intent" value={`purge-${kind}`} />
        <input type="hidden" name="id" value={id} />
        <label className="muted">
          <input type="checkbox" name="confirm" value="yes" required /> Cannot be undone
        </label>
        <button type="submit" className="button ghost small danger-text" disabled={busy}>
          Purge
        </button>
      </Form>
    </div>
  );
}

function Who({ name, iso, verb }: { name: string | null; iso: string; verb: string }) {
  return (
    <small className="muted">
      {verb} <RelativeTime iso={iso} />
      {name ? ` by ${name}` : ''}
    </small>
  );
}

export default function Trash({ params }: Route.ComponentProps) {
  const { projects, documents } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const base = `/orgs/${params.orgId}`;
  return (
    <div className="page">
      <header className="page-head">
        <h1>Trash</h1>
      </header>
      <p className="lede">
        Archived projects and deleted documents are read-only for everyone until restored. Purging
        deletes them for good, versions included.
      </p>
      {result ? (
        <div className={result.ok ? 'notice' : 'field-error'} role={result.ok ? 'status' : 'alert'}>
          {result.message}
        </div>
      ) : null}
      <section>
        <h2>Archived projects</h2>
        {projects.length === 0 ? (
          <p className="muted">No archived projects.</p>
        ) : (
          <ul className="card-list">
            {projects.map((p) => (
              <li key={p.id} className="card-row">
                <div className="grow">
                  <Link to={`${base}/projects/${p.id}`}>{p.name}</Link>{' '}
                  <small className="muted">
                    {p.documentCount} document{p.documentCount === 1 ? '' : 's'}
                  </small>
                  <br />
                  <Who name={p.archivedBy} iso={p.archivedAt} verb="Archived" />
                </div>
                <TrashActions kind="project" id={p.id} name={p.name} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section>
        <h2>Deleted documents</h2>
        {documents.length === 0 ? (
          <p className="muted">No deleted documents.</p>
        ) : (
          <ul className="card-list">
            {documents.map((d) => (
              <li key={d.id} className="card-row">
                <div className="grow">
                  <Link to={`${base}/documents/${d.id}`}>{d.title}</Link>{' '}
                  <small className="muted">
                    {d.typeLabel} in {d.projectName}
                    {d.projectArchived ? ' (archived project)' : ''}
                  </small>
                  <br />
                  <Who name={d.deletedBy} iso={d.deletedAt} verb="Deleted" />
                </div>
                <TrashActions kind="document" id={d.id} name={d.title} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
