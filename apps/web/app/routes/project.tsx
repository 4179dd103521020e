import { Form, Link, useActionData, useLoaderData, useNavigation } from 'react-router';
import { DocumentPeople } from '../components/document-people.tsx';
import { NewDocumentForm } from '../components/new-document-form.tsx';
import { ProjectFieldset } from '../components/project-fields.tsx';
import { RelativeTime } from '../components/relative-time.tsx';
import { projectAction, projectLoader } from '../projects/project.server.ts';
import type { Route } from './+types/project.ts';

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `${loaderData?.project.name ?? 'Project'} · Specboard` },
];

export async function loader({ request, params }: Route.LoaderArgs) {
  return projectLoader(request, params.orgId, params.projectId);
}

export async function action({ request, params }: Route.ActionArgs) {
  return projectAction(request, params.orgId, params.projectId);
}

export default function Project({ params }: Route.ComponentProps) {
  const { project, documents, templates, activity, canEdit, canRestore } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const submitting = (intent: string) =>
    navigation.state === 'submitting' && navigation.formData?.get('intent') === intent;
  const errors = result && !result.ok ? result.fieldErrors : undefined;
  const lastIntent = navigation.formData?.get('intent');
  return (
    <div className="page">
      <header className="page-head">
        <div>
          <p className="crumbs">
            <Link to={`/orgs/${params.orgId}`}>Projects</Link> /
          </p>
          <h1>{project.name}</h1>
          {project.idea ? <p className="lede">{project.idea}</p> : null}
          <p>
            {project.archived ? null : (
              <Link to={`/orgs/${params.orgId}/projects/${project.id}/board`} className="button">
                Open board
              </Link>
            )}{' '}
            <Link to={`/orgs/${params.orgId}/projects/${project.id}/generate`} className="button">
              {canEdit ? 'Generate with AI' : 'AI runs'}
            </Link>
          </p>
        </div>
        {project.archived ? <span className="badge">Archived</span> : null}
      </header>
      {project.archived ? (
        <div className="notice" role="status">
          This project is in the trash: it and its documents are read-only and its board is closed.{' '}
          {canRestore ? (
            <Link to={`/orgs/${params.orgId}/trash`}>Restore it from the trash.</Link>
          ) : (
            'An admin or owner can restore it.'
          )}
        </div>
      ) : null}

      <section>
        <h2>Documents</h2>
        {documents.length === 0 ? (
          <div className="empty">
            <h3>No documents yet</h3>
            <p>
              Start with a PRD from the built-in template: its sections tell everyone what to write.
            </p>
          </div>
        ) : (
          <ul className="card-list">
            {documents.map((d) => (
              <li key={d.id}>
                <Link to={`/orgs/${params.orgId}/documents/${d.id}`} className="card-link">
                  <span className={`doc-type ${d.type}`}>{d.typeLabel}</span>
                  <strong className="grow">{d.title}</strong>
                  <DocumentPeople
                    updatedAt={d.updatedAt}
                    lastEdit={d.lastEdit}
                    hereNow={d.hereNow}
                  />
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      {canEdit ? (
        <NewDocumentForm
          templates={templates}
          errors={lastIntent !== 'update' ? errors : undefined}
          busy={submitting('create-document')}
        />
      ) : null}

      {canEdit ? (
        <details className="panel">
          <summary>
            <strong>Project settings</strong>
          </summary>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="update" />
            {result?.ok ? <p className="notice">Saved.</p> : null}
            <ProjectFieldset errors={errors} defaults={{ ...project, ...project.constraints }} />
            <div className="row">
              <button type="submit" className="button primary" disabled={submitting('update')}>
                Save changes
              </button>
            </div>
          </Form>
          <Form
            method="post"
            className="danger-zone"
            onSubmit={(event) => {
              if (!window.confirm(`Archive “${project.name}”? Its documents stay readable.`))
                event.preventDefault();
            }}
          >
            <input type="hidden" name="intent" value="archive" />
            <p className="muted">Archiving hides the project from lists; nothing is deleted.</p>
            <button type="submit" className="button danger" disabled={submitting('archive')}>
              Archive project
            </button>
          </Form>
        </details>
      ) : null}

      {activity.length > 0 ? (
        <section>
          <h2>Activity</h2>
          <ul className="activity">
            {activity.map((a) => (
              <li key={a.id}>
                <strong>{a.actor}</strong> {a.action.replace(/[_.-]+/g, ' ')} ·{' '}
                <RelativeTime iso={a.at} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
