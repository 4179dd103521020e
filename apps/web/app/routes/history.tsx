import { useState } from 'react';
import { Form, Link, useActionData, useLoaderData } from 'react-router';
import { RelativeTime } from '../components/relative-time.tsx';
import { historyAction, historyLoader } from '../versions/history.server.ts';
import { RestoreButton } from '../versions/restore-button.tsx';
import type { Route } from './+types/history.ts';

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `History · ${loaderData?.document.title ?? 'Document'} · Specboard` },
];

export async function loader({ request, params }: Route.LoaderArgs) {
  return historyLoader(request, params.orgId, params.documentId);
}

export async function action({ request, params }: Route.ActionArgs) {
  return historyAction(request, params.orgId, params.documentId);
}

const triggerLabels: Record<string, string> = {
  manual: 'Saved',
  generation: 'AI generation',
  ai_accept: 'AI change accepted',
  restore: 'Restore',
  auto: 'Automatic',
};

/** Marks from Postgres' ts_headline («…») become <mark>s; everything else stays text. */
function Snippet({ text }: { text: string }) {
  return (
    <>
      {text.split(/(«[^»]*»)/).map((part, index) =>
        part.startsWith('«') ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: fixed text split
          <mark key={index}>{part.slice(1, -1)}</mark>
        ) : (
          part
        ),
      )}
    </>
  );
}

export default function HistoryPage({ params }: Route.ComponentProps) {
  const { document, versions, query, hits, canEdit } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [picked, setPicked] = useState<string[]>([]);
  const base = `/orgs/${params.orgId}/documents/${document.id}`;
  const toggle = (id: string) =>
    setPicked((current) =>
      current.includes(id) ? current.filter((x) => x !== id) : [...current.slice(-1), id],
    );
  const [from, to] = picked;
  return (
    <div className="page history-page">
      <header className="page-head">
        <div className="grow">
          <p className="crumbs">
            <Link to={base}>{document.title}</Link> / History
          </p>
          <h1>Version history</h1>
        </div>
        {canEdit ? (
          <Form method="post" className="save-version">
            <input type="hidden" name="intent" value="save" />
            <input
              name="label"
              placeholder="Name (optional)"
              aria-label="Version name"
              maxLength={120}
            />
            <button type="submit" className="button">
              Save version
            </button>
          </Form>
        ) : null}
      </header>
      {result?.ok && result.saved ? <p role="status">Saved version {result.saved}.</p> : null}
      {result && !result.ok ? (
        <p role="alert" className="field-error">
          {Object.values(result.fieldErrors).flat().join(' ')}
        </p>
      ) : null}
      <Form method="get" className="version-search" role="search">
        <input
          name="q"
          defaultValue={query}
          placeholder="Search versions"
          aria-label="Search versions"
        />
        <button type="submit" className="button ghost small">
          Search
        </button>
      </Form>
      {query ? (
        <section aria-label="Search results">
          <h2>Matches for “{query}”</h2>
          {hits.length === 0 ? <p className="muted">No version mentions that.</p> : null}
          <ul className="version-hits">
            {hits.map((hit) => (
              <li key={hit.id}>
                <Link to={`${base}/history/${hit.id}`}>
                  Version {hit.number}
                  {hit.label ? ` · ${hit.label}` : ''}
                </Link>
                <p className="snippet">
                  <Snippet text={hit.snippet} />
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p className="muted">Tick two versions to compare them.</p>
      {from && to ? (
        <Link className="button" to={`${base}/history/diff?from=${from}&to=${to}`}>
          Compare the two versions
        </Link>
      ) : null}
      <table className="versions" data-testid="versions">
        <thead>
          <tr>
            <th scope="col">Compare</th>
            <th scope="col">#</th>
            <th scope="col">Name</th>
            <th scope="col">By</th>
            <th scope="col">Trigger</th>
            <th scope="col">When</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {versions.map((version) => (
            <tr key={version.id}>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Compare version ${version.number}`}
                  checked={picked.includes(version.id)}
                  onChange={() => toggle(version.id)}
                />
              </td>
              <td>{version.number}</td>
              <td>
                <Link to={`${base}/history/${version.id}`}>{version.label ?? 'Untitled'}</Link>
              </td>
              <td>{version.author ?? (version.trigger === 'auto' ? 'Specboard' : 'AI')}</td>
              <td>{triggerLabels[version.trigger] ?? version.trigger}</td>
              <td>
                <RelativeTime iso={version.createdAt} />
              </td>
              <td className="actions">
                <a href={`${base}/history/${version.id}/markdown`} download>
                  Markdown
                </a>
                {canEdit ? (
                  <RestoreButton
                    versionId={version.id}
                    number={version.number}
                    versions={versions}
                  />
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {versions.length === 0 ? <p className="muted">No versions yet.</p> : null}
    </div>
  );
}
