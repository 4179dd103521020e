import type * as Y from 'yjs';
import { z } from 'zod';
import { editCard, insertCards, removeCard, tasksOf } from './board.ts';
import {
  type BoardCard,
  boardCardSchema,
  type CardDraft,
  cardEditSchema,
  type ProposalField,
  proposalFields,
} from './board-card.ts';
import { describeValue, type SkippedEntry } from './skipped-entries.ts';

/**
 * Re-running the breakdown on a newer version never rewrites the board: it stores proposals
 * (add / modify / remove) in `getMap('proposals')` for people to accept or reject. Accepting
 * changes a card's content only — never its column or order, which people own.
 */

const draftSchema = boardCardSchema.omit({ status: true, order: true });

export const proposalSchema = z.discriminatedUnion('kind', [
  z.object({ id: z.string(), kind: z.literal('add'), versionId: z.string(), card: draftSchema }),
  z.object({
    id: z.string(),
    kind: z.literal('modify'),
    versionId: z.string(),
    taskId: z.string(),
    title: z.string(),
    changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
  }),
  z.object({
    id: z.string(),
    kind: z.literal('remove'),
    versionId: z.string(),
    taskId: z.string(),
    title: z.string(),
  }),
]);
export type Proposal = z.output<typeof proposalSchema>;

export const proposalsOf = (doc: Y.Doc): Y.Map<unknown> => doc.getMap<unknown>('proposals');

/** How cards are matched across versions: by title, ignoring case and spacing. */
export const titleKey = (title: string) => title.trim().toLowerCase().replace(/\s+/g, ' ');

/** What is compared: criteria by their text, since ticking one off is not a spec change. */
function comparable(card: Pick<BoardCard, ProposalField>, field: ProposalField): unknown {
  if (field === 'acceptanceCriteria') return card.acceptanceCriteria.map((c) => c.text);
  return card[field];
}

/**
 * The changes that would make `existing` (the cards that came from earlier versions of the same
 * document) match `drafts` (the new version's tasks). Cards are matched by title.
 */
export function planProposals(
  versionId: string,
  existing: readonly BoardCard[],
  drafts: readonly CardDraft[],
): Proposal[] {
  const byTitle = new Map(existing.map((card) => [titleKey(card.title), card]));
  const matched = new Set<string>();
  const proposals: Proposal[] = [];
  for (const draft of drafts) {
    const card = byTitle.get(titleKey(draft.title));
    if (!card || matched.has(card.id)) {
      proposals.push({
        id: `add:${draft.id}`,
        kind: 'add',
        versionId,
        card: draftSchema.parse(draft),
      });
      continue;
    }
    matched.add(card.id);
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const field of proposalFields) {
      const from = comparable(card, field);
      const to = comparable(draftSchema.parse(draft), field);
      if (JSON.stringify(from) !== JSON.stringify(to)) changes[field] = { from, to };
    }
    if (Object.keys(changes).length > 0) {
      proposals.push({
        id: `modify:${card.id}`,
        kind: 'modify',
        versionId,
        taskId: card.id,
        title: card.title,
        changes,
      });
    }
  }
  for (const card of existing) {
    if (matched.has(card.id)) continue;
    proposals.push({
      id: `remove:${card.id}`,
      kind: 'remove',
      versionId,
      taskId: card.id,
      title: card.title,
    });
  }
  return proposals;
}

/** Replaces the pending proposals with a new set (a newer run supersedes an older one). */
export function writeProposals(doc: Y.Doc, proposals: readonly Proposal[]): void {
  doc.transact(() => {
    const map = proposalsOf(doc);
    for (const key of [...map.keys()]) map.delete(key);
    for (const proposal of proposals) map.set(proposal.id, proposal);
  });
}

/** The pending proposals (plain JSON values), and the entries that are not proposals. */
export function readBoardProposals(doc: Y.Doc): {
  proposals: Proposal[];
  skipped: SkippedEntry[];
} {
  const proposals: Proposal[] = [];
  const skipped: SkippedEntry[] = [];
  for (const [key, value] of proposalsOf(doc)) {
    const parsed = proposalSchema.safeParse(value);
    if (parsed.success) proposals.push(parsed.data);
    else skipped.push({ key, reason: `not a proposal (${describeValue(value)})` });
  }
  return { proposals, skipped };
}

export const readProposals = (doc: Y.Doc): Proposal[] => readBoardProposals(doc).proposals;

/** Applies a proposal to the board and drops it; false when it no longer exists. */
export function acceptProposal(doc: Y.Doc, id: string): boolean {
  const parsed = proposalSchema.safeParse(proposalsOf(doc).get(id));
  if (!parsed.success) return false;
  const proposal = parsed.data;
  doc.transact(() => {
    if (proposal.kind === 'add') insertCards(doc, [proposal.card]);
    if (proposal.kind === 'remove') removeCard(doc, proposal.taskId);
    if (proposal.kind === 'modify' && tasksOf(doc).has(proposal.taskId)) {
      const edit: Record<string, unknown> = { sourceVersionId: proposal.versionId };
      for (const [field, change] of Object.entries(proposal.changes)) {
        edit[field] =
          field === 'acceptanceCriteria' && Array.isArray(change.to)
            ? change.to.map((text) => ({ text: String(text), done: false }))
            : change.to;
      }
      editCard(doc, proposal.taskId, cardEditSchema.parse(edit));
    }
    proposalsOf(doc).delete(id);
  });
  return true;
}

export function rejectProposal(doc: Y.Doc, id: string): void {
  if (proposalsOf(doc).has(id)) proposalsOf(doc).delete(id);
}
