import { useState } from 'react';
import { Link } from 'react-router';
import { postSuggestionRequest } from './suggestion-requests.ts';

interface ReviewButtonProps {
  endpoint: string;
  runPath(runId: string): string;
}

/** "Review completeness": checks the document against its template; findings arrive as suggestions. */
export function ReviewButton({ endpoint, runPath }: ReviewButtonProps) {
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ ok: boolean; text: string; runId?: string } | null>(null);
  async function review() {
    setBusy(true);
    const answer = await postSuggestionRequest(endpoint, { intent: 'review' });
    setBusy(false);
    setStatus(
      answer.ok
        ? {
            ok: true,
            text: 'Reviewing against the template. Findings appear here as suggestions.',
            ...(answer.runId ? { runId: answer.runId } : {}),
          }
        : { ok: false, text: answer.message ?? 'That did not work; try again.' },
    );
  }
  return (
    <div className="stack">
      <button type="button" className="button small" disabled={busy} onClick={() => void review()}>
        {busy ? 'Starting review…' : 'Review completeness'}
      </button>
      {status ? (
        <p className={status.ok ? 'notice' : 'field-error'} role="status">
          {status.text}{' '}
          {status.runId ? <Link to={runPath(status.runId)}>Follow the run</Link> : null}
        </p>
      ) : null}
    </div>
  );
}
