import { z } from 'zod';
import { OutputRejectedError } from '../errors.ts';
import type { MarkdownStep } from '../step.ts';
import { prdTemplate, templateSectionSchema } from '../templates.ts';
import { constraintsSchema, markdownRules, nonBlank } from './common.ts';

export const prdInputSchema = z.object({
  idea: nonBlank,
  constraints: constraintsSchema.default({}),
  sections: z.array(templateSectionSchema).min(1).default(prdTemplate.sections),
});
export type PrdInput = z.output<typeof prdInputSchema>;

function describeConstraints(input: PrdInput): string {
  const { timeline, budget, stack, notes } = input.constraints;
  const lines = [
    timeline && `- Timeline: ${timeline}`,
    budget && `- Budget: ${budget}`,
    stack && `- Technology: ${stack}`,
    notes && `- Notes: ${notes}`,
  ].filter(Boolean);
  return lines.length > 0 ? lines.join('\n') : '- None stated';
}

export const prdStep: MarkdownStep<typeof prdInputSchema> = {
  name: 'prd',
  input: prdInputSchema,
  output: 'markdown',
  buildMessages(input) {
    const outline = input.sections
      .map((s) => `## ${s.heading}\n(${s.required ? 'required' : 'optional'}) ${s.guidance}`)
      .join('\n\n');
    return [
      {
        role: 'system',
        content: `You are a senior product manager writing a product requirements document. ${markdownRules} Use exactly the given "## " section headings in the given order. Under Requirements, group requirements under "### " feature headings as bullet lists and give each requirement nested Given/When/Then acceptance criteria. Success metrics must carry numbers, units and deadlines.`,
      },
      {
        role: 'user',
        content: `Idea:\n${input.idea}\n\nConstraints:\n${describeConstraints(input)}\n\nSections:\n${outline}`,
      },
    ];
  },
  postProcess(output) {
    if (!/^#{1,3}\s+\S/m.test(output)) {
      throw new OutputRejectedError(
        'The document has no markdown headings; use the given "## " section headings.',
      );
    }
    return output.trim();
  },
};
