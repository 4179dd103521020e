import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addColumn,
  type CardDraft,
  cardsByColumn,
  editCard,
  insertCards,
  moveCard,
  readCards,
  readColumns,
  renameColumn,
  setWipLimit,
  tasksOf,
} from './board.ts';
import { acceptProposal, planProposals, readProposals, writeProposals } from './board-proposals.ts';

const draft = (id: string, title = `Task ${id}`): CardDraft => ({
  id,
  title,
  description: '',
  estimate: 3,
  priority: null,
  labels: ['backend'],
  dependsOn: [],
  acceptanceCriteria: [{ text: 'works', done: false }],
  assigneeId: null,
  assigneeName: null,
  epicId: null,
  epicTitle: 'Epic',
  storyId: null,
  sourceVersionId: 'v1',
  sourceAnchor: 'Goals',
});

const titlesIn = (doc: Y.Doc, status: string) =>
  (cardsByColumn(doc).get(status) ?? []).map((card) => card.id);

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('board document', () => {
  it('inserts cards at the end of the first column, once', () => {
    const doc = new Y.Doc();
    insertCards(doc, [draft('a'), draft('b')]);
    expect(insertCards(doc, [draft('a'), draft('c')])).toEqual(['c']);
    expect(titlesIn(doc, 'todo')).toEqual(['a', 'b', 'c']);
    expect(readColumns(doc).map((c) => c.title)).toEqual([
      'To do',
      'In progress',
      'Review',
      'Done',
    ]);
  });

  it('moves a card between columns and within one by fractional keys', () => {
    const doc = new Y.Doc();
    insertCards(doc, [draft('a'), draft('b'), draft('c')]);
    moveCard(doc, 'c', 'todo', 0);
    expect(titlesIn(doc, 'todo')).toEqual(['c', 'a', 'b']);
    moveCard(doc, 'a', 'in_progress', 0);
    moveCard(doc, 'b', 'in_progress', 1);
    moveCard(doc, 'c', 'in_progress', 1);
    expect(titlesIn(doc, 'in_progress')).toEqual(['a', 'c', 'b']);
    expect(titlesIn(doc, 'todo')).toEqual([]);
  });

  it('reads legacy string criteria and keeps unknown statuses in the first column', () => {
    const doc = new Y.Doc();
    const entry = new Y.Map<unknown>();
    tasksOf(doc).set('x', entry);
    entry.set('title', 'Legacy');
    entry.set('status', 'nowhere');
    entry.set('order', 'a0');
    entry.set('acceptanceCriteria', ['Given a, when b, then c']);
    const [card] = readCards(doc);
    expect(card?.acceptanceCriteria).toEqual([{ text: 'Given a, when b, then c', done: false }]);
    expect(titlesIn(doc, 'todo')).toEqual(['x']);
  });

  it('settles two concurrent moves of one card to one position for both peers', () => {
    const alice = new Y.Doc();
    const bob = new Y.Doc();
    insertCards(alice, [draft('a'), draft('b'), draft('c')]);
    sync(alice, bob);
    moveCard(alice, 'a', 'review', 0);
    moveCard(bob, 'a', 'done', 0);
    moveCard(bob, 'b', 'todo', 5);
    sync(alice, bob);
    expect(readCards(alice)).toEqual(readCards(bob));
    const moved = readCards(alice).find((card) => card.id === 'a');
    expect(['review', 'done']).toContain(moved?.status);
    expect(titlesIn(alice, 'todo')).toEqual(['c', 'b']);
  });

  it('orders concurrent inserts at the same place identically everywhere', () => {
    const alice = new Y.Doc();
    const bob = new Y.Doc();
    insertCards(alice, [draft('a'), draft('b')]);
    sync(alice, bob);
    moveCard(alice, 'b', 'todo', 0);
    moveCard(bob, 'a', 'todo', 2);
    insertCards(alice, [draft('x')]);
    insertCards(bob, [draft('y')]);
    sync(alice, bob);
    expect(titlesIn(alice, 'todo')).toEqual(titlesIn(bob, 'todo'));
    moveCard(alice, 'a', 'todo', 1);
    expect(titlesIn(alice, 'todo')[1]).toBe('a');
  });

  it('keeps configured columns once, even when two people configure an empty board at once', () => {
    const alice = new Y.Doc();
    const bob = new Y.Doc();
    setWipLimit(alice, 'review', 3);
    addColumn(bob, { id: 'qa', title: 'QA', wipLimit: null });
    renameColumn(bob, 'todo', 'Backlog');
    sync(alice, bob);
    expect(readColumns(alice)).toEqual(readColumns(bob));
    expect(readColumns(alice).map((c) => c.id)).toEqual([
      'todo',
      'in_progress',
      'review',
      'done',
      'qa',
    ]);
  });

  it('edits fields without touching the position and stores WIP limits', () => {
    const doc = new Y.Doc();
    insertCards(doc, [draft('a')]);
    moveCard(doc, 'a', 'review', 0);
    editCard(doc, 'a', { title: 'Renamed', labels: ['ui'] });
    setWipLimit(doc, 'review', 2);
    const [card] = readCards(doc);
    expect(card).toMatchObject({ title: 'Renamed', labels: ['ui'], status: 'review' });
    expect(readColumns(doc).find((c) => c.id === 'review')?.wipLimit).toBe(2);
  });
});

describe('proposals from a newer version', () => {
  it('proposes add, modify and remove, and accepting keeps statuses', () => {
    const doc = new Y.Doc();
    insertCards(doc, [draft('a', 'Login form'), draft('b', 'Password reset'), draft('c', 'Old')]);
    moveCard(doc, 'a', 'done', 0);
    const next = [
      { ...draft('n1', 'login form'), estimate: 5 },
      draft('n2', 'Password reset'),
      draft('n3', 'Audit log'),
    ].map((d) => ({ ...d, sourceVersionId: 'v2' }));
    const proposals = planProposals('v2', readCards(doc), next);
    expect(proposals.map((p) => p.id).sort()).toEqual(['add:n3', 'modify:a', 'remove:c']);
    writeProposals(doc, proposals);
    for (const proposal of readProposals(doc)) acceptProposal(doc, proposal.id);
    const cards = readCards(doc);
    expect(cards.find((c) => c.id === 'a')).toMatchObject({
      status: 'done',
      estimate: 5,
      sourceVersionId: 'v2',
    });
    expect(cards.map((c) => c.id).sort()).toEqual(['a', 'b', 'n3']);
    expect(readProposals(doc)).toEqual([]);
  });

  it('ignores ticked-off criteria when comparing', () => {
    const doc = new Y.Doc();
    insertCards(doc, [draft('a')]);
    const ticked = readCards(doc).map((c) => ({
      ...c,
      acceptanceCriteria: [{ text: 'works', done: true }],
    }));
    expect(planProposals('v2', ticked, [draft('z', 'Task a')])).toEqual([]);
  });
});
