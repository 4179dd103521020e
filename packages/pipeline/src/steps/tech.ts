import { z } from 'zod';
import { OutputRejectedError } from '../errors.ts';
import type { MarkdownStep } from '../step.ts';
import { techSpecTemplate, templateSectionSchema } from '../templates.ts';
import { constraintsSchema, markdownRules, nonBlank } from './common.ts';

export const techInputSchema = z.object({
  prdMarkdown: nonBlank,
  constraints: constraintsSchema.default({}),
  sections: z.array(templateSectionSchema).min(1).default(techSpecTemplate.sections),
});
export type TechInput = z.output<typeof techInputSchema>;

export const techStep: MarkdownStep<typeof techInputSchema> = {
  name: 'tech',
  input: techInputSchema,
  output: 'markdown',
  buildMessages(input) {
    const outline = input.sections.map((s) => `## ${s.heading}\n${s.guidance}`).join('\n\n');
    const stack = input.constraints.stack
      ? `\n\nThe technology stack is fixed: ${input.constraints.stack}.`
      : '';
    return [
      {
        role: 'system',
        content: `You are a staff engineer turning a PRD into a technical specification. ${markdownRules} Use exactly the given "## " section headings in the given order. Be concrete: name components, tables, endpoints and numbers; mark assumptions as such.`,
      },
      {
        role: 'user',
        content: `PRD:\n\n${input.prdMarkdown}\n\nSections:\n${outline}${stack}`,
      },
    ];
  },
  postProcess(output) {
    if (!/^#{1,3}\s+\S/m.test(output)) {
      throw new OutputRejectedError(
        'The specification has no markdown headings; use the given "## " section headings.',
      );
    }
    return output.trim();
  },
};
