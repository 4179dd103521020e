import { OutputRejectedError } from '../errors.ts';
import { listItems, type MarkdownListItem, paragraphText } from '../markdown.ts';
import type { Breakdown, BreakdownInput, Story } from '../steps/breakdown.ts';
import { actionableSections } from './structure.ts';

type Criterion = Story['acceptanceCriteria'][number];

const gwtPattern = /^given\s+(.+?),?\s+when\s+(.+?),?\s+then\s+(.+?)\.?$/i;

function criteriaFor(item: MarkdownListItem, section: string): Criterion[] {
  const criteria = item.children.map((child): Criterion => {
    const match = gwtPattern.exec(child);
    if (match?.[1] && match[2] && match[3]) {
      return { given: match[1], when: match[2], outcome: match[3], sourceSection: section };
    }
    return {
      given: `"${item.text}" is implemented`,
      when: 'a user exercises it',
      outcome: child,
      sourceSection: section,
    };
  });
  if (criteria.length > 0) return criteria;
  return [
    {
      given: `the capability described in "${section}" is available`,
      when: `a user relies on it: ${item.text}`,
      outcome: 'the behaviour matches the requirement and the result is visible to the user',
      sourceSection: section,
    },
  ];
}

function titleOf(text: string): string {
  const sentence = text.split(/(?<=[.!?])\s/)[0] ?? text;
  const trimmed = sentence.replace(/[.!?]$/, '');
  return trimmed.length <= 100 ? trimmed : `${trimmed.slice(0, 99)}…`;
}

/** Headings become epics and their list items stories, each citing the heading it came from. */
export function structuralBreakdown(input: BreakdownInput): Breakdown {
  const sections = actionableSections(input.documentMarkdown)
    .map((section) => ({ section, items: listItems(section.body) }))
    .filter(({ items }) => items.length > 0);
  if (sections.length === 0) {
    throw new OutputRejectedError('the document has no sections with list items to break down');
  }
  return {
    sourceVersionId: input.versionId,
    epics: sections.map(({ section, items }, epicIndex) => {
      const epicKey = `E${epicIndex + 1}`;
      return {
        key: epicKey,
        title: section.heading,
        summary: paragraphText(section.body) || `Everything listed under "${section.heading}".`,
        sourceSection: section.heading,
        stories: items.map((item, storyIndex) => ({
          key: `${epicKey}-S${storyIndex + 1}`,
          title: titleOf(item.text),
          description: item.text,
          sourceSection: section.heading,
          acceptanceCriteria: criteriaFor(item, section.heading),
        })),
      };
    }),
  };
}
