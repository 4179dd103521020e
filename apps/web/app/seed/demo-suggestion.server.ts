import { newId } from '@specboard/db/ids';
import { getSuggestion, recordSuggestion } from '@specboard/db/suggestions';
import { formatDocName } from '@specboard/doc/doc-names';
import { createSuggestion, listSuggestions, suggestionsMap } from '@specboard/doc/suggestions';
import { changeStoredDoc } from '@specboard/stored-doc';
import { db } from '../db.server.ts';

const quote = 'Median first-response time below 2 hours after 8 weeks of beta.';
const demoSuggestion = {
  kind: 'replace',
  target: 'quote',
  quote,
  content:
    'Median first-response time below 2 hours, and 90th percentile below 8 hours, after 8 weeks of beta.',
  rationale:
    'A median hides the customers who wait longest; a percentile target keeps them in view.',
  model: 'gpt-4.1-mini',
} as const;

/**
 * One open AI suggestion on the sample PRD, asked for by the editor: added to the document's
 * `suggestions` map only while the map is empty (a suggestion someone accepted or rejected is
 * never brought back), with its durable `ai_suggestions` record. Returns its id, or null when
 * its quote is no longer in the document.
 */
export async function seedSuggestion(
  orgId: string,
  documentId: string,
  requestedBy: string,
): Promise<string | null> {
  const id = await changeStoredDoc(
    { db: db(), bus: null },
    orgId,
    formatDocName('doc', documentId),
    'web:seed',
    (doc) => {
      if (suggestionsMap(doc).size > 0) return;
      createSuggestion(doc, {
        id: newId(),
        ...demoSuggestion,
        runId: null,
        requestedBy,
        status: 'pending',
      });
    },
    (doc) => listSuggestions(doc).find((s) => s.quote === quote)?.id ?? null,
  );
  if (id === null || (await getSuggestion(db(), { orgId, documentId, id }))) return id;
  await recordSuggestion(db(), {
    id,
    orgId,
    documentId,
    kind: demoSuggestion.kind,
    quote,
    contentMd: demoSuggestion.content,
    rationale: demoSuggestion.rationale,
    requestedBy,
    provider: 'openai',
    model: demoSuggestion.model,
  });
  return id;
}
