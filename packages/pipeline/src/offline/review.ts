import { normalizeHeading, parseSections, rawLines } from '../markdown.ts';
import type { ReviewInput, ReviewOutput, ReviewSuggestion } from '../steps/review.ts';
import { makeMeasurable } from './measurable.ts';
import { actionableSections, findSection } from './structure.ts';

function missingSections(input: ReviewInput): ReviewSuggestion[] {
  const present = new Set(
    parseSections(input.documentMarkdown).map((s) => normalizeHeading(s.heading)),
  );
  return input.sections
    .filter((s) => s.required && !present.has(normalizeHeading(s.heading)))
    .map((s) => ({
      finding: 'missing_section',
      kind: 'insert',
      quote: '',
      contentMarkdown: `\n\n## ${s.heading}\n\n${s.guidance}\n\n- [ ] Fill in.`,
      rationale: `The template requires a "${s.heading}" section.`,
    }));
}

function unmeasurableMetrics(input: ReviewInput): ReviewSuggestion[] {
  const section = findSection(input.documentMarkdown, /metric|kpi|success/);
  return rawLines(section?.body ?? []).flatMap((line) => {
    const measurable = makeMeasurable(line.text);
    if (measurable === null) return [];
    return [
      {
        finding: 'unmeasurable_metric',
        kind: 'replace',
        quote: line.text,
        contentMarkdown: measurable,
        rationale: 'A success metric needs a number, a unit and a deadline to be checked.',
      } satisfies ReviewSuggestion,
    ];
  });
}

/** A requirement counts as covered when a nested line states criteria (Given/When/Then or "acceptance"). */
function requirementsWithoutCriteria(input: ReviewInput): ReviewSuggestion[] {
  return actionableSections(input.documentMarkdown).flatMap((section) => {
    const lines = rawLines(section.body).filter((line) => line.listItem);
    const topIndent = Math.min(...lines.map((line) => line.indent));
    return lines.flatMap((line, index): ReviewSuggestion[] => {
      if (line.indent !== topIndent) return [];
      const next = lines[index + 1];
      const covered =
        next !== undefined &&
        next.indent > topIndent &&
        /\b(given|then|acceptance)\b/i.test(next.text);
      if (covered || /\bgiven\b.*\bthen\b/i.test(line.text)) return [];
      return [
        {
          finding: 'missing_acceptance_criteria',
          kind: 'insert',
          quote: line.text,
          contentMarkdown: '\n  - Given [context], when [action], then [observable result].',
          rationale: 'Without acceptance criteria nobody can tell when this requirement is done.',
        },
      ];
    });
  });
}

/** Completeness checks against the template, each finding phrased as a suggested edit. */
export function offlineReview(input: ReviewInput): ReviewOutput {
  return {
    suggestions: [
      ...missingSections(input),
      ...unmeasurableMetrics(input),
      ...requirementsWithoutCriteria(input),
    ],
  };
}
