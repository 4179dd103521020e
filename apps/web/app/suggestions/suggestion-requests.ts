import { z } from 'zod';

/** Calls to the suggestions endpoint (`routes/generate-suggestions.tsx`) from the editor. */

const answerSchema = z.object({
  ok: z.boolean(),
  message: z.string().optional(),
  runId: z.string().optional(),
  fieldErrors: z.record(z.string(), z.array(z.string())).optional(),
});
export type SuggestionAnswer = z.output<typeof answerSchema>;

export const suggestionsEndpoint = (orgId: string, documentId: string) =>
  `/orgs/${orgId}/documents/${documentId}/suggestions`;

export async function postSuggestionRequest(
  endpoint: string,
  fields: Record<string, string>,
): Promise<SuggestionAnswer> {
  const response = await fetch(endpoint, {
    method: 'POST',
    body: new URLSearchParams(fields),
    headers: { accept: 'application/json' },
  }).catch(() => null);
  if (!response) return { ok: false, message: 'Specboard cannot be reached; try again.' };
  const parsed = answerSchema.safeParse(await response.json().catch(() => null));
  if (parsed.success) return parsed.data;
  return { ok: false, message: `The server answered ${response.status}; try again.` };
}

const peopleSchema = z.object({ people: z.record(z.string(), z.string()) });

/** Member names by user id, to say who asked for and who decided each suggestion. */
export async function fetchPeople(endpoint: string): Promise<Record<string, string>> {
  const response = await fetch(endpoint, { headers: { accept: 'application/json' } }).catch(
    () => null,
  );
  const parsed = peopleSchema.safeParse(await response?.json().catch(() => null));
  return parsed.success ? parsed.data.people : {};
}
