import { useFetcher } from 'react-router';
import type { historyAction } from './history.server.ts';
import { type ListedVersion, RestoreProgress } from './restore-progress.tsx';

/**
 * "Restore": a form post naming the version. The server queues the restore; the answer is kept
 * in this row's fetcher (revalidating the page would drop ordinary action data), so the progress
 * stays on screen while the page polls for the new version.
 */
export function RestoreButton(props: {
  versionId: string;
  number: number;
  versions: readonly ListedVersion[];
}) {
  const fetcher = useFetcher<typeof historyAction>();
  const answer = fetcher.data;
  return (
    <>
      <fetcher.Form
        method="post"
        className="inline-form"
        onSubmit={(event) => {
          const question = `Restore version ${props.number}? The current text stays in the history.`;
          if (!window.confirm(question)) event.preventDefault();
        }}
      >
        <input type="hidden" name="intent" value="restore" />
        <input type="hidden" name="versionId" value={props.versionId} />
        <button type="submit" className="button small" disabled={fetcher.state !== 'idle'}>
          {fetcher.state === 'idle' ? 'Restore' : 'Restoring…'}
        </button>
      </fetcher.Form>
      {answer?.ok && answer.restoring ? (
        <RestoreProgress request={answer.restoring} versions={props.versions} />
      ) : null}
      {answer && !answer.ok ? (
        <span role="alert" className="field-error">
          {Object.values(answer.fieldErrors).flat().join(' ')}
        </span>
      ) : null}
    </>
  );
}
