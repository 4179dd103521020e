import { useEffect, useState } from 'react';
import { useRevalidator } from 'react-router';

const POLL_MS = 1000;
/** The worker restores in well under this; past it the page stops polling and says so. */
const GIVE_UP_MS = 60_000;

export interface RestoreRequest {
  /** The version being restored. */
  number: number;
  /** The newest version number when the restore was queued. */
  after: number;
}

export interface ListedVersion {
  number: number;
  trigger: string;
  label: string | null;
}

/** The restore version the worker recorded for `request`, once the list shows it. */
function restoredBy(request: RestoreRequest, versions: readonly ListedVersion[]) {
  return versions.find(
    (v) =>
      v.number > request.after &&
      v.trigger === 'restore' &&
      v.label === `Restored version ${request.number}`,
  );
}

/**
 * "Restoring version N…" while the worker runs the job, polling the history (revalidation)
 * until the new version appears; open editors receive the change through the sync server.
 */
export function RestoreProgress(props: {
  request: RestoreRequest;
  versions: readonly ListedVersion[];
}) {
  const { revalidate } = useRevalidator();
  const done = restoredBy(props.request, props.versions);
  const [gaveUp, setGaveUp] = useState(false);
  const [started] = useState(() => Date.now());
  useEffect(() => {
    if (done) return;
    const timer = setInterval(() => {
      if (Date.now() - started > GIVE_UP_MS) {
        clearInterval(timer);
        setGaveUp(true);
        return;
      }
      void revalidate();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [done, revalidate, started]);
  if (done) {
    return (
      <span role="status">
        Restored version {props.request.number} as version {done.number}.
      </span>
    );
  }
  if (gaveUp) {
    return (
      <span role="alert" className="field-error">
        Version {props.request.number} is still being restored. Reload the page in a moment.
      </span>
    );
  }
  return <span role="status">Restoring version {props.request.number}…</span>;
}
