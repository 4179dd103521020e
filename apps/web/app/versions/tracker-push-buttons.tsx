import { useFetcher } from 'react-router';

interface Tracker {
  id: string;
  name: string;
  kind: string;
}

type Answer =
  | { pushing: true; message: string }
  | { ok: false; fieldErrors: Record<string, string[]> };

function PushButton({ tracker }: { tracker: Tracker }) {
  const fetcher = useFetcher<Answer>();
  const answer = fetcher.data;
  return (
    <li className="stack">
      <fetcher.Form method="post">
        <input type="hidden" name="intent" value="tracker-push-version" />
        <input type="hidden" name="integrationId" value={tracker.id} />
        <button type="submit" className="button small ghost" disabled={fetcher.state !== 'idle'}>
          Push this version’s cards to {tracker.name}
        </button>
      </fetcher.Form>
      {answer && 'pushing' in answer ? (
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

/** One button per Jira or GitHub integration: push the cards this version put on the board. */
export function TrackerPushButtons({ trackers }: { trackers: readonly Tracker[] }) {
  if (trackers.length === 0) return null;
  return (
    <section aria-label="Trackers">
      <ul className="card-list">
        {trackers.map((tracker) => (
          <PushButton key={tracker.id} tracker={tracker} />
        ))}
      </ul>
    </section>
  );
}
