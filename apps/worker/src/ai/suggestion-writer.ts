import { withOrg } from '@specboard/db';
import { findSuggestionIds, recordSuggestion } from '@specboard/db/suggestions';
import { asYMap } from '@specboard/doc/skipped-entries';
import { createSuggestion, removeSuggestion, suggestionsMap } from '@specboard/doc/suggestions';
import type { Suggestion } from '@specboard/pipeline';
import type { DocSession } from '@specboard/stored-doc';
import { announceSuggestions } from '../notify/suggestions-written.ts';
import type { AiJobDeps } from './deps.ts';
import { derivedId } from './derived-id.ts';

export interface SuggestionSource {
  orgId: string;
  documentId: string;
  runId: string;
  /** The plan_run_steps row: suggestion ids derive from it, so a retry rewrites the same ids. */
  stepId: string;
  provider: string;
  model: string;
  requestedBy: string | null;
  /** A placeholder ("AI is writing…") the real suggestions replace in the same update. */
  replaces?: string;
}

/**
 * Writes anchored suggestions into the document's `suggestions` map (one Yjs update) and their
 * durable records into `ai_suggestions`. Ids are derived from (step, index): a retried attempt
 * overwrites its own pending suggestions, leaves decided ones alone and removes leftovers of a
 * longer earlier reply. Suggestions whose quote is no longer in the document are dropped, and so
 * are those whose id another client took over with something that is not a suggestion's Y.Map
 * (logged). Suggestions new to this attempt go into the audit trail and notify the document's
 * owner, in the records' transaction. Returns the ids written.
 */
export async function writeSuggestions(
  deps: Pick<AiJobDeps, 'db' | 'logger'>,
  session: DocSession,
  source: SuggestionSource,
  suggestions: readonly Suggestion[],
): Promise<string[]> {
  const written: { id: string; suggestion: Suggestion }[] = [];
  const taken: string[] = [];
  await session.change((doc) => {
    written.length = 0;
    taken.length = 0;
    for (const [index, suggestion] of suggestions.entries()) {
      const id = derivedId(source.stepId, `s${index}`);
      const held: unknown = suggestionsMap(doc).get(id);
      if (held !== undefined && !asYMap(held)) {
        taken.push(id);
        continue;
      }
      // False for a suggestion a person already decided, or whose quote is gone.
      const anchored = createSuggestion(doc, {
        id,
        kind: suggestion.kind,
        target: suggestion.quote === '' ? 'end' : 'quote',
        quote: suggestion.quote,
        content: suggestion.contentMarkdown,
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
      if (!suggestionsMap(doc).has(leftover)) break;
      removeSuggestion(doc, leftover);
    }
    if (source.replaces) removeSuggestion(doc, source.replaces);
  });
  if (taken.length > 0) {
    deps.logger.warn(
      { docName: session.docName, structure: 'suggestions', keys: taken },
      'suggestion ids hold values that are not suggestions; those suggestions were not written',
    );
  }
  await withOrg(deps.db, source.orgId, async (trx) => {
    const known = await findSuggestionIds(
      trx,
      written.map((entry) => entry.id),
    );
    for (const { id, suggestion } of written) {
      await recordSuggestion(trx, {
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
    const fresh = written.map((entry) => entry.id).filter((id) => !known.has(id));
    await announceSuggestions(trx, source, fresh);
  });
  return written.map((entry) => entry.id);
}
