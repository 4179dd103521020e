import { z } from 'zod';
import type { StructuredStep } from '../step.ts';
import { prdTemplate, templateSectionSchema } from '../templates.ts';
import { keepAnchored, suggestionSchema } from './suggest.ts';

export const reviewInputSchema = z.object({
  documentMarkdown: z.string(),
  /** The template's sections; the ones marked required are checked for presence. */
  sections: z.array(templateSectionSchema).default(prdTemplate.sections),
});
export type ReviewInput = z.output<typeof reviewInputSchema>;

export const reviewFindingSchema = z.enum([
  'missing_section',
  'unmeasurable_metric',
  'missing_acceptance_criteria',
  'other',
]);
export type ReviewFinding = z.output<typeof reviewFindingSchema>;

export const reviewSuggestionSchema = suggestionSchema.extend({ finding: reviewFindingSchema });
export type ReviewSuggestion = z.output<typeof reviewSuggestionSchema>;

export const reviewOutputSchema = z.object({
  suggestions: z.array(reviewSuggestionSchema),
});
export type ReviewOutput = z.output<typeof reviewOutputSchema>;

export const reviewStep: StructuredStep<typeof reviewInputSchema, typeof reviewOutputSchema> = {
  name: 'review',
  input: reviewInputSchema,
  output: reviewOutputSchema,
  buildMessages(input) {
    const required = input.sections
      .filter((s) => s.required)
      .map((s) => `- ${s.heading}: ${s.guidance}`)
      .join('\n');
    return [
      {
        role: 'system',
        content:
          'You review a product document (a PRD, tech spec or notes) for completeness against its template and return each finding as a suggested edit. Look for: required sections that are missing (finding "missing_section": insert the heading and a draft after the text of the preceding section, or with an empty quote at the end of the document), success metrics without a number, unit or deadline ("unmeasurable_metric": replace with a measurable version using [placeholders] for unknown values), and requirements without acceptance criteria ("missing_acceptance_criteria": insert Given/When/Then criteria after the requirement). `quote` must be copied exactly from the document.',
      },
      {
        role: 'user',
        content: `Required sections:\n${required || '(none)'}\n\nDocument:\n\n${input.documentMarkdown}`,
      },
    ];
  },
  postProcess(output, input) {
    return { suggestions: keepAnchored(output.suggestions, input.documentMarkdown) };
  },
};
