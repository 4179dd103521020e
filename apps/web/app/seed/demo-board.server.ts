import { isUlid, newId } from '@specboard/db/ids';
import { replaceBoardProjection } from '@specboard/db/tasks';
import { blankCard, type CardDraft, insertCards, readCards, tasksOf } from '@specboard/doc/board';
import { formatDocName } from '@specboard/doc/doc-names';
import { changeStoredDoc } from '@specboard/stored-doc';
import { db } from '../db.server.ts';

export interface BoardPeople {
  ownerId: string;
  ownerName: string;
  editorId: string;
  editorName: string;
}

type DemoCard = Pick<CardDraft, 'title' | 'description' | 'estimate' | 'priority' | 'labels'> & {
  status: string;
  section: string;
  assignee: 'owner' | 'editor' | null;
  criteria: string[];
};

/** Cards made from version 1 of the sample PRD, spread over the default columns. */
const demoCards: readonly DemoCard[] = [
  {
    title: 'Connect a mailbox over IMAP/SMTP',
    description: 'Poll IMAP every minute; send through SMTP with the mailbox’s own credentials.',
    status: 'done',
    section: 'Requirements',
    assignee: 'owner',
    estimate: 5,
    priority: 'high',
    labels: ['backend', 'mail'],
    criteria: ['A test mailbox receives and sends a message'],
  },
  {
    title: 'Round-robin assignment per team',
    description: 'Assign new conversations to the next available agent of the team.',
    status: 'review',
    section: 'Requirements',
    assignee: 'editor',
    estimate: 3,
    priority: 'high',
    labels: ['backend'],
    criteria: ['Assigned within 5 seconds', 'Skips agents marked away'],
  },
  {
    title: 'Collision detection: “Sam is replying”',
    description: 'Show who is typing a reply on an open conversation.',
    status: 'in_progress',
    section: 'Requirements',
    assignee: 'owner',
    estimate: 3,
    priority: 'medium',
    labels: ['frontend', 'realtime'],
    criteria: ['A second agent sees the notice within a second'],
  },
  {
    // Its section, Goals, was rewritten in version 2: the board marks this card as drifted.
    title: 'Ownership timer: flag conversations unowned after 10 minutes',
    description: 'Count from arrival; flag the conversation and notify the team lead.',
    status: 'todo',
    section: 'Goals',
    assignee: 'editor',
    estimate: 2,
    priority: 'high',
    labels: ['backend'],
    criteria: ['Flag appears at 10 minutes', 'Lead is notified once'],
  },
  {
    title: 'Snooze until a date or the customer’s reply',
    description: '',
    status: 'todo',
    section: 'Requirements',
    assignee: null,
    estimate: 2,
    priority: 'low',
    labels: ['frontend'],
    criteria: [],
  },
  {
    title: 'First-response time report',
    description: 'Median first-response time per teammate and per week.',
    status: 'todo',
    section: 'Success metrics',
    assignee: null,
    estimate: 3,
    priority: 'medium',
    labels: ['reporting'],
    criteria: ['Matches the export for last week'],
  },
];

function draft(card: DemoCard, versionId: string, people: BoardPeople): CardDraft {
  const assignee =
    card.assignee === 'owner'
      ? { assigneeId: people.ownerId, assigneeName: people.ownerName }
      : card.assignee === 'editor'
        ? { assigneeId: people.editorId, assigneeName: people.editorName }
        : {};
  return {
    ...blankCard(newId(), card.title),
    description: card.description,
    status: card.status,
    estimate: card.estimate,
    priority: card.priority,
    labels: card.labels,
    acceptanceCriteria: card.criteria.map((text) => ({ text, done: card.status === 'done' })),
    sourceVersionId: versionId,
    sourceAnchor: card.section,
    ...assignee,
  };
}

/**
 * The project's board `board:<projectId>` with the demo cards, written once (an empty board
 * gets them; a board with cards is left as people arranged it), and its `tasks` projection, so
 * search and exports see the cards before the worker's first sweep.
 */
export async function seedBoard(
  orgId: string,
  projectId: string,
  sourceVersionId: string,
  people: BoardPeople,
): Promise<void> {
  const cards = await changeStoredDoc(
    { db: db(), bus: null },
    orgId,
    formatDocName('board', projectId),
    'web:seed',
    (doc) => {
      if (tasksOf(doc).size > 0) return;
      insertCards(
        doc,
        demoCards.map((card) => draft(card, sourceVersionId, people)),
      );
    },
    readCards,
  );
  // As the worker's projection does: a card id that is not a ULID (any client can write one)
  // cannot be a row and stays on the live board only.
  const rows = cards.filter((card) => isUlid(card.id));
  await replaceBoardProjection(db(), { orgId, projectId, rows });
}
