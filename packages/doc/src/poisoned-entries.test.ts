import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addColumn,
  blankCard,
  cardsByColumn,
  columnsOf,
  editCard,
  insertCards,
  moveCard,
  readBoardCards,
  readBoardColumns,
  readCards,
  removeCard,
  renameColumn,
  setWipLimit,
  toggleCriterion,
} from './board.ts';
import { BoardCardCache } from './board-cache.ts';
import { boardToCsv, boardToJson, boardToMarkdown } from './board-export.ts';
import { proposalsOf, readBoardProposals } from './board-proposals.ts';
import { editorMarkdownCodec as codec } from './suggestion-markdown.ts';
import {
  createSuggestion,
  isSuggestionStale,
  listSuggestions,
  readSuggestion,
  readSuggestions,
  rejectSuggestion,
  removeSuggestion,
  setSuggestionContent,
  suggestionsMap,
} from './suggestions.ts';

/** What a client with write access can send: anything, arriving as an ordinary update. */
function fromBadClient(into: Y.Doc, write: (doc: Y.Doc) => void): void {
  const bad = new Y.Doc();
  Y.applyUpdate(bad, Y.encodeStateAsUpdate(into));
  write(bad);
  Y.applyUpdate(into, Y.encodeStateAsUpdate(bad, Y.encodeStateVector(into)));
}

function poisonBoard(doc: Y.Doc): void {
  fromBadClient(doc, (bad) => {
    const tasks = bad.getMap<unknown>('tasks');
    tasks.set('number', 1);
    tasks.set('string', 'card');
    tasks.set('null', null);
    tasks.set('json', { title: 'plain JSON, not a Y.Map' });
    tasks.set('array', new Y.Array());
    tasks.set('text', new Y.Text('hi'));
    tasks.set('binary', new Uint8Array([1, 2]));
    const wild = new Y.Map<unknown>();
    tasks.set('wild', wild);
    wild.set('title', 42);
    wild.set('status', { nested: true });
    wild.set('order', 7);
    wild.set('estimate', 1e12);
    wild.set('labels', 'not a list');
    wild.set('acceptanceCriteria', [1, null, 'legacy']);
    const columns = bad.getArray<unknown>('columns');
    columns.push(['in_progress', 3, null, new Y.Array(), { id: 'json', title: 'plain' }]);
    const nameless = new Y.Map<unknown>();
    nameless.set('id', '');
    columns.push([nameless]);
    const proposals = bad.getMap<unknown>('proposals');
    proposals.set('junk', 5);
    proposals.set('ymap', new Y.Map());
  });
}

const boardWithCards = () => {
  const doc = new Y.Doc();
  insertCards(doc, [blankCard('a', 'Alpha'), blankCard('b', 'Beta')]);
  return doc;
};

describe('board readers with entries any client could write', () => {
  it('skips and reports the entries that are not cards, repairing fields of the wrong type', () => {
    const doc = boardWithCards();
    poisonBoard(doc);
    const { cards, skipped } = readBoardCards(doc);
    expect(cards.map((c) => c.id).sort()).toEqual(['a', 'b', 'wild']);
    expect(skipped.map((s) => s.key).sort()).toEqual(
      ['array', 'binary', 'json', 'null', 'number', 'string', 'text'].sort(),
    );
    expect(skipped.find((s) => s.key === 'array')?.reason).toBe('expected a Y.Map, found Y.Array');
    expect(skipped.find((s) => s.key === 'number')?.reason).toBe('expected a Y.Map, found number');
    expect(cards.find((c) => c.id === 'wild')).toMatchObject({
      title: 'Untitled',
      status: 'todo',
      order: 'a0',
      estimate: 1e12,
      labels: [],
      acceptanceCriteria: [],
    });
    expect(readCards(doc)).toEqual(cards);
    expect([...cardsByColumn(doc).values()].flat()).toHaveLength(3);
  });

  it('keeps the board cache, moves, edits and removals working around bad entries', () => {
    const doc = boardWithCards();
    const cache = new BoardCardCache(doc);
    expect(cache.read()).toHaveLength(2);
    poisonBoard(doc);
    expect(cache.read().map((c) => c.id)).toEqual(readCards(doc).map((c) => c.id));
    expect(moveCard(doc, 'number', 'done', 0)).toBe(false);
    expect(editCard(doc, 'string', { title: 'x' })).toBe(false);
    toggleCriterion(doc, 'json', 0);
    expect(moveCard(doc, 'a', 'done', 0)).toBe(true);
    expect(insertCards(doc, [blankCard('number', 'Taken'), blankCard('c', 'Gamma')])).toEqual([
      'c',
    ]);
    expect(removeCard(doc, 'number')).toBe(true);
    expect(readBoardCards(doc).skipped).toHaveLength(6);
    // A good card replaced by junk leaves the cache too.
    fromBadClient(doc, (bad) => bad.getMap<unknown>('tasks').set('b', 'gone'));
    expect(cache.read().map((c) => c.id)).not.toContain('b');
    cache.destroy();
  });

  it('skips column entries that are not columns, and still configures the board', () => {
    const doc = new Y.Doc();
    poisonBoard(doc);
    const { columns, skipped } = readBoardColumns(doc);
    // No well-formed column among them: the defaults apply.
    expect(columns.map((c) => c.id)).toEqual(['todo', 'in_progress', 'review', 'done']);
    expect(skipped.map((s) => s.key)).toEqual(['0', '1', '2', '3', '4', '5']);
    renameColumn(doc, 'todo', 'Backlog');
    setWipLimit(doc, 'review', 3);
    addColumn(doc, { id: 'qa', title: 'QA', wipLimit: null });
    expect(readBoardColumns(doc).columns.map((c) => [c.title, c.wipLimit])).toEqual([
      ['Backlog', null],
      ['In progress', null],
      ['Review', 3],
      ['Done', null],
      ['QA', null],
    ]);
    expect(columnsOf(doc).length).toBe(11);
  });

  it('skips proposals that are not proposals', () => {
    const doc = new Y.Doc();
    poisonBoard(doc);
    proposalsOf(doc).set('remove:a', {
      id: 'remove:a',
      kind: 'remove',
      versionId: 'v',
      taskId: 'a',
      title: 'A',
    });
    const { proposals, skipped } = readBoardProposals(doc);
    expect(proposals.map((p) => p.id)).toEqual(['remove:a']);
    expect(skipped.map((s) => s.key).sort()).toEqual(['junk', 'ymap']);
  });

  it('exports a poisoned board', () => {
    const doc = boardWithCards();
    poisonBoard(doc);
    const input = {
      projectName: 'P',
      columns: readBoardColumns(doc).columns,
      cards: readCards(doc),
      sourceLink: () => null,
    };
    expect(boardToCsv(input, 'jira').split('\r\n')).toHaveLength(5);
    expect(boardToCsv(input, 'github')).toContain('Untitled');
    expect(JSON.parse(boardToJson(input)).tasks).toHaveLength(3);
    expect(boardToMarkdown(input)).toContain('**Alpha**');
  });
});

describe('suggestion readers with entries any client could write', () => {
  const withText = () => {
    const doc = new Y.Doc();
    doc.getXmlFragment('default').insert(0, codec.toBlocks('Ship a fast board.'));
    createSuggestion(doc, {
      id: 'good',
      kind: 'replace',
      target: 'quote',
      quote: 'fast',
      content: 'quick',
      rationale: '',
      runId: null,
      model: null,
      requestedBy: null,
      status: 'pending',
    });
    return doc;
  };

  function poisonSuggestions(doc: Y.Doc): void {
    fromBadClient(doc, (bad) => {
      const map = bad.getMap<unknown>('suggestions');
      map.set('number', 1);
      map.set('json', { kind: 'replace' });
      map.set('array', new Y.Array());
      const wrongShape = new Y.Map<unknown>();
      map.set('wrong-shape', wrongShape);
      wrongShape.set('kind', 'explode');
      const badAnchor = new Y.Map<unknown>();
      map.set('bad-anchor', badAnchor);
      for (const [key, value] of Object.entries({
        kind: 'replace',
        status: 'pending',
        anchor: { from: new Uint8Array([255, 255, 255]), to: new Uint8Array([9]) },
        quote: 'fast',
        content: 'x',
        createdAt: '2026-01-01T00:00:00.000Z',
      })) {
        badAnchor.set(key, value);
      }
    });
  }

  it('lists the good suggestions and reports the rest', () => {
    const doc = withText();
    poisonSuggestions(doc);
    const { suggestions, skipped } = readSuggestions(doc);
    expect(suggestions.map((s) => s.id)).toEqual(['good']);
    expect(skipped.map((s) => s.key).sort()).toEqual(
      ['array', 'bad-anchor', 'json', 'number', 'wrong-shape'].sort(),
    );
    expect(skipped.find((s) => s.key === 'bad-anchor')?.reason).toMatch(/^anchor does not decode/);
    expect(listSuggestions(doc).map((s) => isSuggestionStale(doc, s, codec))).toEqual([false]);
    expect(readSuggestion(doc, 'number')).toBeNull();
    expect(readSuggestion(doc, 'bad-anchor')).toBeNull();
  });

  it('leaves bad entries alone when streaming into, removing or deciding them', () => {
    const doc = withText();
    poisonSuggestions(doc);
    setSuggestionContent(doc, 'number', 'text', 'pending');
    removeSuggestion(doc, 'number');
    expect(suggestionsMap(doc).get('number')).toBe(1);
    expect(rejectSuggestion(doc, 'json', { decidedBy: 'U' })).toBe('missing');
    expect(rejectSuggestion(doc, 'good', { decidedBy: 'U' })).toBe('decided');
  });
});
