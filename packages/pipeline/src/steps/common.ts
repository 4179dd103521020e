import { z } from 'zod';

/**
 * A string with at least one visible character. Expressed as a `pattern` rather than
 * `minLength` because strict JSON-schema structured output accepts `pattern` everywhere.
 */
export const nonBlank = z.string().regex(/\S/, 'must not be blank');

export const constraintsSchema = z.object({
  timeline: z.string().optional(),
  budget: z.string().optional(),
  stack: z.string().optional(),
  notes: z.string().optional(),
});
export type Constraints = z.output<typeof constraintsSchema>;

export const markdownRules =
  'Reply with GitHub-flavoured markdown only: no preamble, no closing remarks, no code fence around the document.';
