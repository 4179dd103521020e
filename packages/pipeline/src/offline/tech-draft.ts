import { listItems, parseSections } from '../markdown.ts';
import type { TechInput } from '../steps/tech.ts';
import { actionableSections, findSection } from './structure.ts';
import { writeUnknownSection } from './unknown-section.ts';

interface PrdFacts {
  title: string;
  features: string[];
  stack: string;
  criteriaCount: number;
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'item'
  );
}

function readPrd(input: TechInput): PrdFacts {
  const sections = parseSections(input.prdMarkdown);
  const title = (sections.find((s) => s.level === 1)?.heading ?? 'the product').replace(
    /:\s*product requirements$/i,
    '',
  );
  const actionable = actionableSections(input.prdMarkdown).filter(
    (s) => listItems(s.body).length > 0,
  );
  const features = actionable.map((s) => s.heading);
  const criteriaCount = actionable
    .flatMap((s) => listItems(s.body))
    .flatMap((item) => item.children)
    .filter((child) => /^given\b/i.test(child)).length;
  const stackLine = listItems(findSection(input.prdMarkdown, /constraint/)?.body ?? []).find(
    (item) => /^technology:/i.test(item.text),
  );
  const statedStack = stackLine?.text.replace(/^technology:\s*/i, '');
  const stack =
    input.constraints.stack ??
    (statedStack && !/^open\b/i.test(statedStack)
      ? statedStack
      : 'TypeScript web app, Node.js API, PostgreSQL');
  return { title, features: features.length > 0 ? features : [title], stack, criteriaCount };
}

type Writer = (facts: PrdFacts) => string;

const writers: [RegExp, Writer][] = [
  [
    /summary|overview/,
    (f) =>
      `This specification describes how to build ${f.title} on ${f.stack}. It covers ${f.features.length} feature area(s) from the PRD: ${f.features.join(', ')}.`,
  ],
  [
    /architecture|design/,
    (f) =>
      [
        '- **Client app** — renders the flows and talks only to the API.',
        '- **API service** — validates input, enforces permissions and owns all writes.',
        '- **Database** — the system of record; every change is transactional.',
        '- **Background worker** — slow or retryable work (notifications, exports) off the request path.',
        ...f.features.map((feature) => `- Module \`${slug(feature)}\` — implements "${feature}".`),
      ].join('\n'),
  ],
  [
    /data model|schema|storage/,
    (f) =>
      [
        '- `users`: id, email, display_name, created_at.',
        ...f.features.map(
          (feature) =>
            `- \`${slug(feature).replace(/-/g, '_')}\`: id, user_id → users.id, status, payload (jsonb), created_at, updated_at.`,
        ),
        '- `events`: id, user_id, name, properties (jsonb), occurred_at — feeds the success metrics.',
      ].join('\n'),
  ],
  [
    /api|interface|contract/,
    (f) =>
      f.features
        .map(
          (feature) =>
            `- \`/api/${slug(feature)}\`: GET (list, paginated), POST (create), PATCH /:id (update); JSON bodies validated against a shared schema.`,
        )
        .join('\n'),
  ],
  [
    /security|privacy/,
    () =>
      [
        '- Session-based authentication; every API route checks the caller owns the record.',
        '- Personal data is limited to what the features need and deleted 30 days after account closure.',
        '- Secrets come from the environment; nothing sensitive is logged.',
      ].join('\n'),
  ],
  [
    /performance|scal/,
    () =>
      '- Budget: 95th percentile API latency under 300 ms, pages interactive under 2 s.\n- Indexes on every foreign key and on (user_id, created_at).\n- Stateless API instances scale horizontally behind the load balancer.',
  ],
  [
    /test/,
    (f) =>
      `- Unit tests for validation and permission rules.\n- Integration tests for each API route against a real database.\n- End-to-end tests generated from the PRD's ${f.criteriaCount} acceptance criteria.`,
  ],
  [
    /rollout|operation|deploy|launch/,
    (f) =>
      [
        ...f.features.map(
          (feature) => `- Feature flag \`${slug(feature)}\`, enabled for internal users first.`,
        ),
        '- Dashboards for latency, error rate and the success metrics; alert when the error rate exceeds 1% for 10 minutes.',
      ].join('\n'),
  ],
  [
    /risk|alternative/,
    (f) =>
      `- ${f.stack} is assumed; switching later would mean rewriting the API layer.\n- A single database keeps the design simple; revisit if writes exceed 1,000 per second.`,
  ],
];

/** A technical specification derived from the PRD's features, constraints and criteria. */
export function draftTechSpec(input: TechInput): string {
  const facts = readPrd(input);
  const sections = input.sections.map((section) => {
    const writer = writers.find(([pattern]) => pattern.test(section.heading.toLowerCase()))?.[1];
    return `## ${section.heading}\n\n${writer ? writer(facts) : writeUnknownSection(section.guidance, facts.title)}`;
  });
  return [`# ${facts.title}: technical specification`, ...sections].join('\n\n');
}
