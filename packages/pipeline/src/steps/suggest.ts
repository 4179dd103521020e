import { z } from 'zod';
import { OutputRejectedError } from '../errors.ts';
import type { StructuredStep } from '../step.ts';
import { nonBlank } from './common.ts';

/**
 * An edit anchored by text rather than offsets, so it survives concurrent edits elsewhere:
 * - `replace`: `quote` becomes `contentMarkdown`;
 * - `delete`: `quote` is removed (`contentMarkdown` is empty);
 * - `insert`: `contentMarkdown` goes after `quote`; an empty quote means the end of the document.
 */
export const suggestionSchema = z.object({
  kind: z.enum(['replace', 'insert', 'delete']),
  quote: z
    .string()
    .describe('Exact text copied from the document, within one paragraph or list item'),
  contentMarkdown: z.string(),
  rationale: nonBlank,
});
export type Suggestion = z.output<typeof suggestionSchema>;

export const suggestInputSchema = z.object({
  documentMarkdown: z.string(),
  selection: z.string().optional(),
  instruction: nonBlank,
});
export type SuggestInput = z.output<typeof suggestInputSchema>;

export const suggestOutputSchema = z.object({
  suggestions: z.array(suggestionSchema),
});
export type SuggestOutput = z.output<typeof suggestOutputSchema>;

export function isAnchored(suggestion: Suggestion, documentMarkdown: string): boolean {
  if (suggestion.quote === '') return suggestion.kind === 'insert';
  return documentMarkdown.includes(suggestion.quote);
}

/**
 * Suggestions whose quote is not in the document cannot be anchored and are dropped. If the
 * model produced suggestions but none can be anchored, the reply is rejected so it tries again.
 */
export function keepAnchored<T extends Suggestion>(
  suggestions: T[],
  documentMarkdown: string,
): T[] {
  const anchored = suggestions.filter((s) => isAnchored(s, documentMarkdown));
  if (suggestions.length > 0 && anchored.length === 0) {
    const quotes = suggestions.map((s) => JSON.stringify(s.quote)).join(', ');
    throw new OutputRejectedError(
      `No suggestion quotes text that exists verbatim in the document (${quotes}). Copy the quote exactly from the document, without markdown markers.`,
    );
  }
  return anchored;
}

export const suggestStep: StructuredStep<typeof suggestInputSchema, typeof suggestOutputSchema> = {
  name: 'suggest',
  input: suggestInputSchema,
  output: suggestOutputSchema,
  buildMessages(input) {
    const selection = input.selection
      ? `\n\nThe user selected this text; limit your suggestions to it:\n"""\n${input.selection}\n"""`
      : '';
    return [
      {
        role: 'system',
        content:
          'You propose edits to a shared document. People review each suggestion before it changes the text, so keep each one small and self-contained. `quote` must be copied exactly from the document (plain text within one paragraph or list item, no markdown markers). kind "replace" swaps the quote for contentMarkdown, "delete" removes it, "insert" adds contentMarkdown after it. Explain each in one sentence in rationale.',
      },
      {
        role: 'user',
        content: `Instruction: ${input.instruction}${selection}\n\nDocument:\n\n${input.documentMarkdown}`,
      },
    ];
  },
  postProcess(output, input) {
    return { suggestions: keepAnchored(output.suggestions, input.documentMarkdown) };
  },
};
