import { recordSuggestion } from '@specboard/db/suggestions';
import type { Suggestion } from '@specboard/pipeline';
import type { DocSession } from '../doc-writer.ts';
import type { AiJobDeps } from './deps.ts';
import { derivedId } from './derived-id.ts';
import {
  hasSuggestion,
  removeSuggestion,
  suggestionStatus,
  upsertSuggestion,
} from './doc-model.ts';

export interface SuggestionSource {
  orgId: string;
  documentId: string;
  runId: string;
  /** The plan_run_steps row: suggestion ids derive from it, so a retry rewrites the same ids. */
  stepId: string;
  provider: string;
  model: string;
  requestedBy: string | null;
}

/**
 * Writes anchored suggestions into the document's `suggestions` map (one Yjs update) and their
 * durable records into `ai_suggestions`. Ids are derived from (step, index): a retried attempt
 * overwrites its own pending suggestions, leaves decided ones alone and removes leftovers of a
 * longer earlier reply. Suggestions whose quote is no longer in the document are dropped.
 * Returns the ids written.
 */
export async function writeSuggestions(
  deps: Pick<AiJobDeps, 'db'>,
  session: DocSession,
  source: SuggestionSource,
  suggestions: readonly Suggestion[],
): Promise<string[]> {
  const written: { id: string; suggestion: Suggestion }[] = [];
  await session.change((doc) => {
    written.length = 0;
    for (const [index, suggestion] of suggestions.entries()) {
      const id = derivedId(source.stepId, `s${index}`);
      const status = suggestionStatus(doc, id);
      if (status === 'accepted' || status === 'rejected') continue;
      const anchored = upsertSuggestion(doc, {
        id,
        kind: suggestion.kind,
        quote: suggestion.quote,
        contentMd: suggestion.contentMarkdown,
        rationale: suggestion.rationale,
        runId: source.runId,
        model: source.model,
        requestedBy: source.requestedBy,
        status: 'pending',
      });
      if (anchored) written.push({ id, suggestion });
    }
    for (let index = suggestions.length; ; index++) {
      const leftover = derivedId(source.stepId, `s${index}`);
      if (!hasSuggestion(doc, leftover)) break;
      if (suggestionStatus(doc, leftover) === 'pending') removeSuggestion(doc, leftover);
    }
  });
  for (const { id, suggestion } of written) {
    await recordSuggestion(deps.db, {
      id,
      orgId: source.orgId,
      documentId: source.documentId,
      planRunStepId: source.stepId,
      kind: suggestion.kind,
      quote: suggestion.quote,
      contentMd: suggestion.contentMarkdown,
      rationale: suggestion.rationale,
      requestedBy: source.requestedBy,
      provider: source.provider,
      model: source.model,
    });
  }
  return written.map((entry) => entry.id);
}
