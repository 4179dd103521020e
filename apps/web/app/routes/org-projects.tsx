import { Form, Link, useActionData, useLoaderData, useNavigation } from 'react-router';
import { ProjectFieldset } from '../components/project-fields.tsx';
import { createProjectAction, projectsLoader } from '../projects/projects.server.ts';
import type { Route } from './+types/org-projects.ts';

export const meta: Route.MetaFunction = () => [{ title: 'Projects · Specboard' }];

export async function loader({ request, params }: Route.LoaderArgs) {
  return projectsLoader(request, params.orgId);
}

export async function action({ request, params }: Route.ActionArgs) {
  return createProjectAction(request, params.orgId);
}

export default function OrgProjects({ params }: Route.ComponentProps) {
  const { projects, showArchived, canCreate } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  return (
    <div className="page">
      <header className="page-head">
        <h1>Projects</h1>
        <Link className="button ghost small" to={showArchived ? '.' : '?archived=1'}>
          {showArchived ? 'Hide archived' : 'Show archived'}
        </Link>
      </header>
      {projects.length === 0 ? (
        <div className="empty">
          <h2>No projects yet</h2>
          <p>
            A project holds one idea and the documents that grow from it: the PRD, the tech spec and
            notes.{canCreate ? ' Start one below.' : ' Ask an editor to create the first one.'}
          </p>
        </div>
      ) : (
        <ul className="card-list">
          {projects.map((p) => (
            <li key={p.id}>
              <Link to={`/orgs/${params.orgId}/projects/${p.id}`} className="card-link">
                <span className="grow">
                  <strong>{p.name}</strong>
                  {p.idea ? <span className="muted block truncate">{p.idea}</span> : null}
                </span>
                {p.archived ? <span className="badge">Archived</span> : null}
              </Link>
            </li>
          ))}
        </ul>
      )}
      {canCreate ? (
        <Form method="post" className="panel stack">
          <h2>New project</h2>
          <ProjectFieldset errors={result?.fieldErrors} />
          <div>
            <button type="submit" className="button primary" disabled={busy}>
              {busy ? 'Creating…' : 'Create project'}
            </button>
          </div>
        </Form>
      ) : null}
    </div>
  );
}
