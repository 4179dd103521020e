import { z } from 'zod';

export const templateSectionSchema = z.object({
  heading: z.string().regex(/\S/, 'heading must not be blank'),
  guidance: z.string(),
  required: z.boolean().default(true),
});
export type TemplateSection = z.output<typeof templateSectionSchema>;

export interface DocumentTemplate {
  key: string;
  kind: 'prd' | 'tech';
  name: string;
  sections: TemplateSection[];
}

/** Built-in PRD structure; the web app seeds the `templates` table from it. */
export const prdTemplate: DocumentTemplate = {
  key: 'builtin-prd',
  kind: 'prd',
  name: 'Product requirements (PRD)',
  sections: [
    {
      heading: 'Overview',
      guidance: 'One paragraph: what we are building and for whom.',
      required: true,
    },
    {
      heading: 'Problem',
      guidance: 'The pain today, who feels it and how we know.',
      required: true,
    },
    { heading: 'Goals', guidance: 'Outcomes this release must achieve.', required: true },
    { heading: 'Non-goals', guidance: 'What is explicitly out of scope.', required: false },
    {
      heading: 'Users and personas',
      guidance: 'Primary and secondary users and their jobs to be done.',
      required: true,
    },
    {
      heading: 'Requirements',
      guidance:
        'Functional requirements grouped by feature; each with acceptance criteria (Given/When/Then).',
      required: true,
    },
    {
      heading: 'Success metrics',
      guidance: 'Measurable targets with a number, a unit and a deadline.',
      required: true,
    },
    {
      heading: 'Constraints',
      guidance: 'Timeline, budget, technology and compliance limits.',
      required: true,
    },
    {
      heading: 'Risks and open questions',
      guidance: 'What could go wrong and what is undecided.',
      required: false,
    },
    { heading: 'Milestones', guidance: 'Phases with dates and exit criteria.', required: false },
  ],
};

/** Built-in technical specification structure. */
export const techSpecTemplate: DocumentTemplate = {
  key: 'builtin-tech',
  kind: 'tech',
  name: 'Technical specification',
  sections: [
    {
      heading: 'Summary',
      guidance: 'The technical approach in a few sentences, linked to the PRD.',
      required: true,
    },
    {
      heading: 'Architecture',
      guidance: 'Components, their responsibilities and how they talk.',
      required: true,
    },
    {
      heading: 'Data model',
      guidance: 'Entities, key fields, relations and retention.',
      required: true,
    },
    {
      heading: 'API and interfaces',
      guidance: 'Endpoints, events and contracts between components.',
      required: true,
    },
    {
      heading: 'Security and privacy',
      guidance: 'Authentication, authorisation, personal data handling.',
      required: true,
    },
    {
      heading: 'Performance and scalability',
      guidance: 'Expected load, latency budgets and how the design scales.',
      required: true,
    },
    {
      heading: 'Testing strategy',
      guidance: 'Unit, integration and end-to-end coverage.',
      required: true,
    },
    {
      heading: 'Rollout and operations',
      guidance: 'Migration, feature flags, monitoring and alerts.',
      required: true,
    },
    {
      heading: 'Risks and alternatives',
      guidance: 'Options considered and why they were rejected.',
      required: false,
    },
  ],
};

export const builtInTemplates: readonly DocumentTemplate[] = [prdTemplate, techSpecTemplate];
