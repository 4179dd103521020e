import { Link, useLoaderData } from 'react-router';
import { readForm } from '../lib/validation.server.ts';
import { publishToConfluenceAction } from '../versions/confluence-publish.server.ts';
import { ConfluencePublishPanel } from '../versions/confluence-publish-panel.tsx';
import { createTasksAction } from '../versions/create-tasks.server.ts';
import { CreateTasksButton } from '../versions/create-tasks-button.tsx';
import { versionLoader } from '../versions/version.server.ts';
import { VersionBlocks } from '../versions/version-blocks.tsx';
import type { Route } from './+types/version.ts';

export const meta: Route.MetaFunction = ({ loaderData }) => [
  {
    title: `Version ${loaderData?.version.number ?? ''} · ${loaderData?.document.title ?? 'Document'} · Specboard`,
  },
];

export async function loader({ request, params }: Route.LoaderArgs) {
  return versionLoader(request, params.orgId, params.documentId, params.versionId);
}

export async function action({ request, params }: Route.ActionArgs) {
  const { orgId, documentId, versionId } = params;
  const form = await readForm(request.clone());
  if (form.get('intent') === 'publish-confluence') {
    return publishToConfluenceAction(request, orgId, documentId, versionId, form);
  }
  return createTasksAction(request, orgId, documentId, versionId);
}

/** One version, read-only. */
export default function VersionPage({ params }: Route.ComponentProps) {
  const { document, version, blocks, canEdit, confluence } = useLoaderData<typeof loader>();
  const base = `/orgs/${params.orgId}/documents/${document.id}`;
  return (
    <div className="page version-page">
      <header className="page-head">
        <div className="grow">
          <p className="crumbs">
            <Link to={base}>{document.title}</Link> / <Link to={`${base}/history`}>History</Link>
          </p>
          <h1>
            Version {version.number}
            {version.label ? ` · ${version.label}` : ''}
          </h1>
          <p className="muted">Read-only · {new Date(version.createdAt).toLocaleString()}</p>
        </div>
        {canEdit ? <CreateTasksButton /> : null}
        <a className="button ghost small" href={`${base}/history/${version.id}/markdown`} download>
          Export Markdown
        </a>
      </header>
      <ConfluencePublishPanel pages={confluence} canEdit={canEdit} />
      <VersionBlocks blocks={blocks} />
    </div>
  );
}
