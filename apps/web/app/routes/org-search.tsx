import { Link, useLoaderData } from 'react-router';
import { searchLoader } from '../orgs/search.server.ts';
import type { Route } from './+types/org-search.ts';

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `${loaderData?.query ? `“${loaderData.query}”` : 'Search'} · Specboard` },
];

export async function loader({ request, params }: Route.LoaderArgs) {
  return searchLoader(request, params.orgId);
}

export default function Search() {
  const { query, hits } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <header className="page-head">
        <h1>{query ? <>Results for “{query}”</> : 'Search'}</h1>
      </header>
      {!query ? (
        <div className="empty">
          <p>
            Type in the search box (press <kbd>/</kbd>) to search every document and task in this
            organisation.
          </p>
        </div>
      ) : hits.length === 0 ? (
        <div className="empty">
          <h2>No matches</h2>
          <p>
            Try fewer or different words. Use "quotes" for an exact phrase and -word to exclude one.
          </p>
        </div>
      ) : (
        <ul className="card-list" data-testid="search-results">
          {hits.map((hit) => (
            <li key={hit.key}>
              <Link to={hit.href} className="card-link column">
                <span>
                  <span className="badge">{hit.kind === 'document' ? 'Document' : 'Task'}</span>{' '}
                  <strong>{hit.title}</strong>
                </span>
                <span className="snippet">
                  {hit.parts.map((part) =>
                    part.match ? (
                      <mark key={part.at}>{part.text}</mark>
                    ) : (
                      <span key={part.at}>{part.text}</span>
                    ),
                  )}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
