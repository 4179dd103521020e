import { Link, useLoaderData } from 'react-router';
import { diffLoader } from '../versions/version.server.ts';
import { VersionBlocks } from '../versions/version-blocks.tsx';
import type { Route } from './+types/version-diff.ts';

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `Changes · ${loaderData?.document.title ?? 'Document'} · Specboard` },
];

export async function loader({ request, params }: Route.LoaderArgs) {
  return diffLoader(request, params.orgId, params.documentId);
}

/** Two versions compared in the document view: insertions and deletions highlighted. */
export default function VersionDiffPage({ params }: Route.ComponentProps) {
  const { document, from, to, diff } = useLoaderData<typeof loader>();
  const base = `/orgs/${params.orgId}/documents/${document.id}`;
  return (
    <div className="page version-page">
      <header className="page-head">
        <div className="grow">
          <p className="crumbs">
            <Link to={base}>{document.title}</Link> / <Link to={`${base}/history`}>History</Link>
          </p>
          <h1>
            Version {from.number} → {to.number}
          </h1>
          <p className="diff-stats" data-testid="diff-stats">
            <span className="added">{diff.stats.added} added</span> ·{' '}
            <span className="removed">{diff.stats.removed} removed</span> ·{' '}
            <span className="changed">{diff.stats.changed} changed</span>
          </p>
        </div>
      </header>
      <VersionBlocks blocks={diff.blocks} />
    </div>
  );
}
