import { z } from 'zod';

/**
 * One card of the board document `board:<projectId>` (ARCHITECTURE.md §3) as plain data.
 * Cards are stored as a Y.Map per task so concurrent edits of different fields merge; values
 * written by older code (acceptance criteria as plain strings) are read leniently.
 */

export const criterionSchema = z.object({ text: z.string(), done: z.boolean() });
export type Criterion = z.output<typeof criterionSchema>;

const criterionInput = z.union([
  criterionSchema,
  z.string().transform((text) => ({ text, done: false })),
]);

const stringList = z.array(z.string()).catch([]);
const optionalText = z.string().nullable().catch(null);

export const boardCardSchema = z.object({
  id: z.string(),
  title: z.string().catch('Untitled'),
  description: z.string().catch(''),
  status: z.string().catch('todo'),
  order: z.string().catch('a0'),
  estimate: z.number().nullable().catch(null),
  priority: optionalText,
  labels: stringList,
  dependsOn: stringList,
  acceptanceCriteria: z.array(criterionInput).catch([]),
  assigneeId: optionalText,
  assigneeName: optionalText,
  epicId: optionalText,
  epicTitle: optionalText,
  storyId: optionalText,
  sourceVersionId: optionalText,
  sourceAnchor: optionalText,
});
export type BoardCard = z.output<typeof boardCardSchema>;

/** The fields a person (or a proposal) may change; position changes go through `moveCard`. */
export const cardEditSchema = boardCardSchema
  .omit({ id: true, status: true, order: true })
  .partial();
export type CardEdit = z.output<typeof cardEditSchema>;

/** A card to insert: everything but its position, which the board assigns. */
export type CardDraft = Omit<BoardCard, 'status' | 'order'> & { status?: string };

/** A card with a title and nothing else yet: no source version, estimate, people or criteria. */
export function blankCard(id: string, title: string): CardDraft {
  return {
    id,
    title,
    description: '',
    estimate: null,
    priority: null,
    labels: [],
    dependsOn: [],
    acceptanceCriteria: [],
    assigneeId: null,
    assigneeName: null,
    epicId: null,
    epicTitle: null,
    storyId: null,
    sourceVersionId: null,
    sourceAnchor: null,
  };
}

/** Fields compared when a newer version proposes changes to an existing card. */
export const proposalFields = [
  'title',
  'description',
  'estimate',
  'labels',
  'dependsOn',
  'acceptanceCriteria',
  'sourceAnchor',
  'epicTitle',
] as const satisfies readonly (keyof BoardCard)[];
export type ProposalField = (typeof proposalFields)[number];
