import type { PrdInput } from '../steps/prd.ts';
import { type IdeaOutline, outlineIdea } from './idea.ts';
import { writeUnknownSection } from './unknown-section.ts';

interface DraftContext {
  idea: IdeaOutline;
  input: PrdInput;
}

type SectionWriter = (context: DraftContext) => string;

const overview: SectionWriter = ({ idea }) =>
  `${idea.summary}.${idea.details ? ` ${idea.details}` : ''} This document describes the first release: who it is for, what it must do and how we will know it works.`;

const problem: SectionWriter = ({ idea }) => {
  const core = idea.features[0]?.ability ?? 'get this done';
  return `Today ${idea.audience} have no simple, dependable way to ${core}. They fall back on manual workarounds that cost time and make results hard to trust. We will validate the size of the problem with at least 5 interviews with ${idea.audience} before development starts.`;
};

const goals: SectionWriter = ({ idea }) =>
  idea.features
    .map((f, i) =>
      i === 0
        ? `- ${capitalise(idea.audience)} can ${f.ability} end to end in the first release.`
        : `- ${f.title} works as part of the same flow.`,
    )
    .join('\n');

const nonGoals: SectionWriter = () =>
  [
    '- Capabilities not listed under Requirements.',
    '- Integrations with third-party systems not named in this document.',
    '- Support for more than one language at launch.',
  ].join('\n');

const users: SectionWriter = ({ idea }) =>
  [
    `- **Primary: ${idea.audience}** — want to ${idea.features[0]?.ability ?? 'reach their goal'} quickly and with confidence.`,
    '- **Secondary: support and operations staff** — resolve problems and keep data correct.',
  ].join('\n');

const requirements: SectionWriter = ({ idea }) =>
  idea.features
    .map((f) =>
      [
        `### ${f.title}`,
        '',
        `- ${capitalise(idea.audience)} can ${f.ability}.`,
        `  - Given a signed-in user, when they ${f.ability}, then the outcome is saved and confirmed on screen within 2 seconds.`,
        `- ${capitalise(idea.audience)} see a clear message and a retry option when they cannot ${f.ability}.`,
        `  - Given the service is unavailable, when a user tries to ${f.ability}, then they see what went wrong and can retry.`,
        `- The team can measure how often ${idea.audience} ${f.ability}.`,
        `  - Given analytics is enabled, when a user tries to ${f.ability}, then an event with the outcome is recorded.`,
      ].join('\n'),
    )
    .join('\n\n');

const metrics: SectionWriter = ({ idea }) =>
  [
    `- 60% of new ${idea.audience} ${idea.features[0]?.ability ?? 'complete the main flow'} at least once within 7 days of signing up, measured 30 days after launch.`,
    '- 95th percentile response time under 2 seconds for every action listed under Requirements.',
    '- Fewer than 1% of attempts fail with an error, measured weekly.',
  ].join('\n');

const constraints: SectionWriter = ({ input }) => {
  const { timeline, budget, stack, notes } = input.constraints;
  return [
    `- Timeline: ${timeline ?? 'not set yet — agree a launch date before planning starts.'}`,
    `- Budget: ${budget ?? 'not set yet — estimate after the technical specification.'}`,
    `- Technology: ${stack ?? 'open — to be chosen in the technical specification.'}`,
    ...(notes ? [`- Notes: ${notes}`] : []),
  ].join('\n');
};

const risks: SectionWriter = ({ idea, input }) =>
  [
    `- Scope: the idea covers ${idea.features.length} capabilities; delivering all of them within ${input.constraints.timeline ?? 'the first release'} may not be possible.`,
    `- Adoption: ${idea.audience} may keep their current workaround unless the first use takes under 5 minutes.`,
    '- Open question: which capability ships first if time runs short?',
  ].join('\n');

const milestones: SectionWriter = ({ idea, input }) => {
  const [first, ...rest] = idea.features;
  return [
    `- M1 — ${first?.title ?? 'Core flow'}: usable end to end by internal testers.`,
    ...(rest.length > 0
      ? [`- M2 — ${rest.map((f) => f.title).join(', ')}: complete behind a feature flag.`]
      : []),
    `- Launch${input.constraints.timeline ? ` (${input.constraints.timeline})` : ''}: public release once the success metrics can be measured.`,
  ].join('\n');
};

const writers: [RegExp, SectionWriter][] = [
  [/overview|summary|introduction/, overview],
  [/problem|background|context/, problem],
  [/non-?goals|out of scope/, nonGoals],
  [/goals|objectives/, goals],
  [/users|personas|audience|customers/, users],
  [/requirements|features|scope|user stories/, requirements],
  [/metric|kpi|success/, metrics],
  [/constraint|assumption/, constraints],
  [/risk|open question/, risks],
  [/milestone|timeline|roadmap|release plan/, milestones],
];

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A complete PRD in the template's section order, written from the idea and its constraints. */
export function draftPrd(input: PrdInput): string {
  const context: DraftContext = { idea: outlineIdea(input.idea), input };
  const title = context.idea.features[0]?.title ?? 'Product';
  const sections = input.sections.map((section) => {
    const heading = section.heading.toLowerCase();
    const writer = writers.find(([pattern]) => pattern.test(heading))?.[1];
    const body = writer
      ? writer(context)
      : writeUnknownSection(section.guidance, context.idea.summary);
    return `## ${section.heading}\n\n${body}`;
  });
  return [`# ${title}: product requirements`, ...sections].join('\n\n');
}
