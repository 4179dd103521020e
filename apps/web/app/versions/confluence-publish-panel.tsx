import { useFetcher } from 'react-router';
import { RelativeTime } from '../components/relative-time.tsx';
import { useRefreshUntilChanged } from './use-refresh-until-changed.ts';

export interface ConfluencePageStatus {
  integrationId: string;
  integrationName: string;
  status: 'never' | 'pending' | 'synced' | 'failed' | 'conflict';
  externalUrl: string | null;
  lastSyncedAt: string | null;
  lastError: string | null;
  versionNumber: number | null;
}

type Answer =
  | { publishing: true; message: string }
  | { ok: false; fieldErrors: Record<string, string[]> };

function PageStatus({ page }: { page: ConfluencePageStatus }) {
  return (
    <small className="muted" data-testid={`confluence-status-${page.integrationName}`}>
      {page.versionNumber !== null && page.externalUrl ? (
        <>
          Version {page.versionNumber} is{' '}
          <a href={page.externalUrl} target="_blank" rel="noreferrer">
            published
          </a>
          {page.lastSyncedAt ? (
            <>
              {' '}
              (last synced <RelativeTime iso={page.lastSyncedAt} />)
            </>
          ) : null}
          .
        </>
      ) : (
        'Not published yet.'
      )}
      {page.status === 'failed' && page.lastError ? (
        <span className="block field-error">Last attempt failed: {page.lastError}</span>
      ) : null}
    </small>
  );
}

function PublishForm({ page, canEdit }: { page: ConfluencePageStatus; canEdit: boolean }) {
  const fetcher = useFetcher<Answer>();
  const answer = fetcher.data;
  const busy = fetcher.state !== 'idle';
  // The worker publishes in the background: follow the page's status until it moves.
  useRefreshUntilChanged(
    answer && 'publishing' in answer ? answer : undefined,
    [page.status, page.versionNumber, page.lastSyncedAt, page.lastError].join('|'),
  );
  return (
    <li className="stack">
      {canEdit ? (
        <fetcher.Form method="post">
          <input type="hidden" name="intent" value="publish-confluence" />
          <input type="hidden" name="integrationId" value={page.integrationId} />
          <button type="submit" className="button small ghost" disabled={busy}>
            {busy ? 'Queuing…' : `Publish to Confluence (${page.integrationName})`}
          </button>
        </fetcher.Form>
      ) : (
        <strong>{page.integrationName}</strong>
      )}
      <PageStatus page={page} />
      {answer && 'publishing' in answer ? (
        <p className="muted" role="status">
          {answer.message}
        </p>
      ) : null}
      {answer && 'fieldErrors' in answer ? (
        <p className="field-error" role="alert">
          {Object.values(answer.fieldErrors).flat().join(' ')}
        </p>
      ) : null}
    </li>
  );
}

/** The version's page in each Confluence integration: publish it there, see where it stands. */
export function ConfluencePublishPanel({
  pages,
  canEdit,
}: {
  pages: readonly ConfluencePageStatus[];
  canEdit: boolean;
}) {
  if (pages.length === 0) return null;
  return (
    <section aria-label="Confluence">
      <ul className="card-list">
        {pages.map((page) => (
          <PublishForm key={page.integrationId} page={page} canEdit={canEdit} />
        ))}
      </ul>
    </section>
  );
}
