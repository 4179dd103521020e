import { Form, Link, useActionData, useLoaderData } from 'react-router';
import { documentAction, documentLoader } from '../documents/document.server.ts';
import { CollabEditor } from '../editor/collab-editor.tsx';
import type { Route } from './+types/document.ts';

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `${loaderData?.document.title ?? 'Document'} · Specboard` },
];

export async function loader({ request, params }: Route.LoaderArgs) {
  return documentLoader(request, params.orgId, params.documentId);
}

export async function action({ request, params }: Route.ActionArgs) {
  return documentAction(request, params.orgId, params.documentId);
}

export default function DocumentPage({ params }: Route.ComponentProps) {
  const { document, project, user, syncUrl, token, readOnly, canManage, trash, canRestore } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const titleError = result && !result.ok ? result.fieldErrors.title : undefined;
  return (
    <div className="page document-page">
      <header className="page-head">
        <div className="grow">
          <p className="crumbs">
            <Link to={`/orgs/${params.orgId}`}>Projects</Link> /{' '}
            <Link to={`/orgs/${params.orgId}/projects/${project.id}`}>{project.name}</Link> /{' '}
            <span className={`doc-type ${document.type}`}>{document.typeLabel}</span>
          </p>
          {canManage ? (
            <Form method="post" className="title-form" key={document.title}>
              <input type="hidden" name="intent" value="rename" />
              <input
                className="title-input"
                name="title"
                defaultValue={document.title}
                aria-label="Document title (press Enter to save)"
                aria-invalid={titleError ? true : undefined}
              />
              {titleError ? (
                <span className="field-error" role="alert">
                  {titleError.join(' ')}
                </span>
              ) : null}
            </Form>
          ) : (
            <h1>{document.title}</h1>
          )}
        </div>
        {trash ? null : (
          <Link
            to={`/orgs/${params.orgId}/documents/${document.id}/history`}
            className="button ghost small"
          >
            History
          </Link>
        )}
        {canManage ? (
          <Form
            method="post"
            action={`/orgs/${params.orgId}/documents/${document.id}/history`}
            className="save-version"
          >
            <input type="hidden" name="intent" value="save" />
            <input name="label" placeholder="Version name (optional)" aria-label="Version name" />
            <button type="submit" className="button small">
              Save version
            </button>
          </Form>
        ) : null}
        {canManage ? (
          <Form
            method="post"
            onSubmit={(event) => {
              if (!window.confirm(`Delete “${document.title}”? Its saved versions are kept.`))
                event.preventDefault();
            }}
          >
            <input type="hidden" name="intent" value="delete" />
            <button type="submit" className="button ghost small danger-text">
              Delete
            </button>
          </Form>
        ) : null}
      </header>
      {trash ? (
        <div className="notice" role="status">
          {trash === 'deleted'
            ? 'This document was deleted: it is in the trash and read-only.'
            : 'This document’s project is archived: the document is in the trash and read-only.'}{' '}
          {canRestore ? (
            <Link to={`/orgs/${params.orgId}/trash`}>Restore it from the trash.</Link>
          ) : (
            'An admin or owner can restore it.'
          )}
        </div>
      ) : null}
      <CollabEditor
        key={document.id}
        syncUrl={syncUrl}
        orgId={params.orgId}
        documentId={document.id}
        docName={document.docName}
        title={document.title}
        token={token}
        user={user}
        readOnly={readOnly}
      />
    </div>
  );
}
