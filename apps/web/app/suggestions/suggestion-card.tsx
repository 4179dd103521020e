import type { PanelSuggestion } from './use-suggestions.ts';

interface SuggestionCardProps {
  suggestion: PanelSuggestion;
  people: Record<string, string>;
  canDecide: boolean;
  busy: boolean;
  onDecide(id: string, decision: 'accept' | 'reject'): void;
}

const kindLabels = { replace: 'Replace', insert: 'Insert', delete: 'Delete' } as const;

/** One suggestion: what it changes, why, who asked, which model wrote it, and the decision. */
export function SuggestionCard({
  suggestion: s,
  people,
  canDecide,
  busy,
  onDecide,
}: SuggestionCardProps) {
  const name = (id: string | null) => (id ? (people[id] ?? 'a teammate') : 'the plan run');
  const open = s.status === 'pending' || s.status === 'streaming';
  return (
    <li
      className={`suggestion-card ${s.status}`}
      data-suggestion-id={s.id}
      data-testid="suggestion"
    >
      <p className="suggestion-head">
        <strong>{kindLabels[s.kind]}</strong>
        {s.status === 'streaming' ? <span className="badge">AI is writing…</span> : null}
        {s.stale ? (
          <span className="badge stale" title="The targeted text changed since the AI wrote this">
            Stale
          </span>
        ) : null}
        {s.status === 'accepted' || s.status === 'rejected' ? (
          <span className="muted">
            {s.status} by {name(s.decidedBy)}
          </span>
        ) : null}
      </p>
      {s.quote && s.kind !== 'insert' && s.quote.length < 600 ? (
        <del className="suggestion-quote">{s.quote}</del>
      ) : null}
      {s.content ? <ins className="suggestion-content">{s.content}</ins> : null}
      {s.rationale ? <p className="muted">{s.rationale}</p> : null}
      <p className="muted suggestion-meta">
        Asked by {name(s.requestedBy)} · written by{' '}
        {s.model === 'offline-template' ? (
          <span className="badge offline">Offline templates</span>
        ) : (
          (s.model ?? 'AI')
        )}
      </p>
      {open && canDecide ? (
        <div className="row">
          <button
            type="button"
            className="button primary small"
            disabled={busy || s.status === 'streaming'}
            onClick={() => onDecide(s.id, 'accept')}
          >
            {s.stale ? 'Apply at current text' : 'Accept'}
          </button>
          <button
            type="button"
            className="button small"
            disabled={busy || s.status === 'streaming'}
            onClick={() => onDecide(s.id, 'reject')}
          >
            Reject
          </button>
        </div>
      ) : null}
    </li>
  );
}
