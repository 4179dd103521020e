import { Link, useFetcher } from 'react-router';

interface Queued {
  queued: true;
  versionNumber: number;
  boardPath: string;
  runPath: string;
}

interface Refused {
  ok: false;
  fieldErrors: Record<string, string[]>;
}

/** "Create tasks from this version", then where the cards will appear. */
export function CreateTasksButton() {
  const fetcher = useFetcher<Queued | Refused>();
  const answer = fetcher.data;
  const busy = fetcher.state !== 'idle';
  return (
    <div className="create-tasks">
      <fetcher.Form method="post">
        <input type="hidden" name="intent" value="create-tasks" />
        <button type="submit" className="button small" disabled={busy}>
          {busy ? 'Queuing…' : 'Create tasks from this version'}
        </button>
      </fetcher.Form>
      {answer && 'queued' in answer ? (
        <p className="muted" role="status">
          Creating tasks from version {answer.versionNumber}: they will appear on the{' '}
          <Link to={answer.boardPath}>project board</Link> for everyone (
          <Link to={answer.runPath}>follow the run</Link>).
        </p>
      ) : null}
      {answer && 'fieldErrors' in answer ? (
        <p className="field-error" role="alert">
          {Object.values(answer.fieldErrors).flat().join(' ')}
        </p>
      ) : null}
    </div>
  );
}
