import { z } from 'zod';
import { OutputRejectedError } from '../errors.ts';
import { normalizeHeading, parseSections } from '../markdown.ts';
import type { StructuredStep } from '../step.ts';
import { nonBlank } from './common.ts';

export const breakdownInputSchema = z.object({
  documentMarkdown: nonBlank,
  versionId: nonBlank,
});
export type BreakdownInput = z.output<typeof breakdownInputSchema>;

const citation = nonBlank.describe(
  'Heading text of the PRD section this item comes from, verbatim',
);

export const acceptanceCriterionSchema = z.object({
  given: nonBlank,
  when: nonBlank,
  outcome: nonBlank.describe('The "Then" clause: the observable result'),
  sourceSection: citation,
});

export const storySchema = z.object({
  key: nonBlank.describe('Unique story key such as "E1-S2"'),
  title: nonBlank,
  description: nonBlank.describe('As a <user>, I want <capability> so that <benefit>'),
  sourceSection: citation,
  acceptanceCriteria: z.array(acceptanceCriterionSchema).min(1),
});
export type Story = z.output<typeof storySchema>;

export const epicSchema = z.object({
  key: nonBlank.describe('Unique epic key such as "E1"'),
  title: nonBlank,
  summary: z.string(),
  sourceSection: citation,
  stories: z.array(storySchema).min(1),
});
export type Epic = z.output<typeof epicSchema>;

export const breakdownOutputSchema = z.object({
  sourceVersionId: z.string().describe('Copy of the version id given in the request'),
  epics: z.array(epicSchema).min(1),
});
export type Breakdown = z.output<typeof breakdownOutputSchema>;

/**
 * Every citation must name a real heading; it is rewritten to the heading's exact text so the
 * UI can link it. Keys must be unique because tasks refer to stories by key.
 */
function checkBreakdown(output: Breakdown, input: BreakdownInput): Breakdown {
  const headings = new Map<string, string>();
  for (const section of parseSections(input.documentMarkdown)) {
    headings.set(normalizeHeading(section.heading), section.heading);
  }
  const problems: string[] = [];
  const cite = (where: string, source: string): string => {
    const heading = headings.get(normalizeHeading(source));
    if (heading === undefined)
      problems.push(`${where} cites "${source}", which is not a section heading`);
    return heading ?? source;
  };
  const keys = new Set<string>();
  const claimKey = (key: string) => {
    if (keys.has(key)) problems.push(`key "${key}" is used more than once`);
    keys.add(key);
  };
  const epics = output.epics.map((epic) => {
    claimKey(epic.key);
    return {
      ...epic,
      sourceSection: cite(`epic ${epic.key}`, epic.sourceSection),
      stories: epic.stories.map((story) => {
        claimKey(story.key);
        return {
          ...story,
          sourceSection: cite(`story ${story.key}`, story.sourceSection),
          acceptanceCriteria: story.acceptanceCriteria.map((criterion, index) => ({
            ...criterion,
            sourceSection: cite(
              `criterion ${index + 1} of story ${story.key}`,
              criterion.sourceSection,
            ),
          })),
        };
      }),
    };
  });
  if (problems.length > 0) {
    const known = [...headings.values()].map((h) => `"${h}"`).join(', ');
    throw new OutputRejectedError(`${problems.join('; ')}. Known headings: ${known}.`);
  }
  return { sourceVersionId: input.versionId, epics };
}

export const breakdownStep: StructuredStep<
  typeof breakdownInputSchema,
  typeof breakdownOutputSchema
> = {
  name: 'breakdown',
  input: breakdownInputSchema,
  output: breakdownOutputSchema,
  buildMessages(input) {
    return [
      {
        role: 'system',
        content:
          'You break a product document into epics and user stories. Each story gets Given/When/Then acceptance criteria. Every epic, story and criterion cites in sourceSection the exact heading text of the section it comes from. Use keys E1, E2… for epics and E1-S1, E1-S2… for stories. Do not invent scope that the document does not state.',
      },
      {
        role: 'user',
        content: `Version id: ${input.versionId}\n\nDocument:\n\n${input.documentMarkdown}`,
      },
    ];
  },
  postProcess: checkBreakdown,
};
