import { editorMarkdownCodec } from '@specboard/doc/suggestion-markdown';
import { acceptSuggestion, rejectSuggestion } from '@specboard/doc/suggestions';
import type { Editor } from '@tiptap/core';
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { suggestionAcceptOrigin } from './accept-origin.ts';
import { AskAiForm } from './ask-ai-form.tsx';
import { ReviewButton } from './review-button.tsx';
import { SuggestionCard } from './suggestion-card.tsx';
import { fetchPeople, postSuggestionRequest, suggestionsEndpoint } from './suggestion-requests.ts';
import { useSuggestions } from './use-suggestions.ts';
import './suggestions.css';

interface SuggestionsPanelProps {
  editor: Editor | null;
  doc: Y.Doc;
  orgId: string;
  documentId: string;
  userId: string;
  /** Editors decide and ask; commenters and viewers only watch (the server enforces it too). */
  canDecide: boolean;
}

/**
 * The side panel of AI suggestions, shared live through the document: everyone sees them
 * stream in and be decided. Accepting records the decision (and a version) on the server
 * first, then applies the change as one Yjs transaction that Ctrl+Z undoes.
 */
export function SuggestionsPanel({
  editor,
  doc,
  orgId,
  documentId,
  userId,
  canDecide,
}: SuggestionsPanelProps) {
  const suggestions = useSuggestions(doc);
  const endpoint = suggestionsEndpoint(orgId, documentId);
  const [people, setPeople] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    void fetchPeople(endpoint).then(setPeople);
  }, [endpoint]);

  async function decide(id: string, decision: 'accept' | 'reject') {
    setBusy(id);
    setProblem(null);
    const answer = await postSuggestionRequest(endpoint, { intent: decision, suggestionId: id });
    setBusy(null);
    if (!answer.ok) {
      setProblem(answer.message ?? 'That did not work; try again.');
      return;
    }
    const result =
      decision === 'accept'
        ? acceptSuggestion(doc, id, {
            decidedBy: userId,
            codec: editorMarkdownCodec,
            origin: suggestionAcceptOrigin,
          })
        : rejectSuggestion(doc, id, { decidedBy: userId });
    if (result !== 'decided') setProblem('Someone else decided this suggestion meanwhile.');
  }

  const open = suggestions.filter((s) => s.status === 'pending' || s.status === 'streaming');
  const decided = suggestions.filter((s) => s.status === 'accepted' || s.status === 'rejected');
  return (
    <aside className="suggestions-panel" aria-label="AI suggestions">
      <h2>AI suggestions</h2>
      {canDecide ? (
        <>
          <AskAiForm
            editor={editor}
            endpoint={endpoint}
            runPath={(runId) => `/orgs/${orgId}/runs/${runId}`}
          />
          <ReviewButton endpoint={endpoint} runPath={(runId) => `/orgs/${orgId}/runs/${runId}`} />
        </>
      ) : null}
      {problem ? (
        <p className="field-error" role="alert">
          {problem}
        </p>
      ) : null}
      {open.length === 0 ? <p className="muted">No open suggestions.</p> : null}
      <ul className="suggestion-list">
        {[...open, ...decided.slice(0, 5)].map((s) => (
          <SuggestionCard
            key={s.id}
            suggestion={s}
            people={people}
            canDecide={canDecide}
            busy={busy !== null}
            onDecide={(id, d) => void decide(id, d)}
          />
        ))}
      </ul>
    </aside>
  );
}
