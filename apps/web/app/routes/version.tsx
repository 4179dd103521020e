import { Link, useLoaderData } from 'react-router';
import { ConfluencePublishPanel } from '../versions/confluence-publish-panel.tsx';
import { CreateTasksButton } from '../versions/create-tasks-button.tsx';
import { TrackerPushButtons } from '../versions/tracker-push-buttons.tsx';
import { versionLoader } from '../versions/version.server.ts';
import { versionAction } from '../versions/version-action.server.ts';
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
  return versionAction(request, params.orgId, params.documentId, params.versionId);
}

/** One version, read-only. */
export default function VersionPage({ params }: Route.ComponentProps) {
  const { document, version, blocks, canEdit, confluence, trackers } =
    useLoaderData<typeof loader>();
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
      <TrackerPushButtons trackers={trackers} />
      <VersionBlocks blocks={blocks} />
    </div>
  );
}
