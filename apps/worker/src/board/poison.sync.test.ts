import { newId } from '@specboard/db';
import { listTasks } from '@specboard/db/tasks';
import { createTenant } from '@specboard/db/testing';
import {
  blankCard,
  editCard,
  insertCards,
  moveCard,
  readBoardCards,
  readBoardColumns,
} from '@specboard/doc/board';
import { boardToCsv, boardToJson, boardToMarkdown } from '@specboard/doc/board-export';
import { readBoardProposals } from '@specboard/doc/board-proposals';
import { editorMarkdownCodec as codec } from '@specboard/doc/suggestion-markdown';
import {
  createSuggestion,
  isSuggestionStale,
  readSuggestions,
  rejectSuggestion,
} from '@specboard/doc/suggestions';
import {
  type Client,
  connect,
  eventually,
  type RunningServer,
  startServer,
  tokenFor,
} from '@specboard/sync-server/src/testing/harness.ts';
import { pino } from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardDocName } from '../ai/doc-model.ts';
import { useWorkerFixture } from '../test-support/worker-fixture.ts';
import { projectBoard } from './projection.ts';

const t = useWorkerFixture();
let sync: RunningServer;
const clients: Client[] = [];

beforeAll(async () => {
  sync = await startServer(t.url);
  t.onCleanUp(() => sync.server.close());
  t.onCleanUp(() => {
    for (const client of clients) client.destroy();
  });
});

/** A browser with write access, on the official y-websocket client. */
async function open(orgId: string, docName: string, userId: string): Promise<Client> {
  const token = await tokenFor(docName, { sub: userId, org: orgId });
  const client = connect(sync.collabUrl, docName, token);
  clients.push(client);
  await client.synced;
  return client;
}

describe('shared structures written by a hostile client, through the sync server', () => {
  it('keeps the board, its exports and the projection working, skipping and counting the bad entries', async () => {
    const tenant = await createTenant(t.db);
    const docName = boardDocName(tenant.projectId);
    const alice = await open(tenant.orgId, docName, tenant.userId);
    const mallory = await open(tenant.orgId, docName, tenant.userId);
    const [first, second] = [newId(), newId()];
    insertCards(alice.doc, [blankCard(first, 'Sign in'), blankCard(second, 'Invite')]);
    editCard(alice.doc, second, { estimate: 1e12 });

    mallory.doc.transact(() => {
      const tasks = mallory.doc.getMap<unknown>('tasks');
      tasks.set('x', 1);
      tasks.set(newId(), 'a string where a card belongs');
      tasks.set('list', new Y.Array<unknown>());
      tasks.set('json', { title: 'plain JSON' });
      mallory.doc.getArray<unknown>('columns').push(['not a column', 7, null]);
      mallory.doc.getMap<unknown>('proposals').set('p', 5);
    });
    await eventually(() => readBoardCards(alice.doc).skipped.length === 4, 10_000, 'junk at alice');
    expect(
      readBoardCards(alice.doc)
        .cards.map((c) => c.id)
        .sort(),
    ).toEqual([first, second].sort());
    expect(moveCard(alice.doc, first, 'done', 0)).toBe(true);
    expect(moveCard(alice.doc, 'x', 'done', 0)).toBe(false);

    // Someone opening the board now gets the same board, columns, proposals and exports.
    const bob = await open(tenant.orgId, docName, newId());
    await eventually(
      () => readBoardCards(bob.doc).cards.find((c) => c.id === first)?.status === 'done',
      10_000,
      "alice's move at bob",
    );
    const board = readBoardCards(bob.doc);
    expect(board.skipped.map((s) => s.key)).toContain('x');
    const columns = readBoardColumns(bob.doc);
    expect(columns.columns.map((c) => c.id)).toEqual(['todo', 'in_progress', 'review', 'done']);
    expect(columns.skipped).toHaveLength(3);
    expect(readBoardProposals(bob.doc)).toMatchObject({ proposals: [], skipped: [{ key: 'p' }] });
    const input = {
      projectName: 'Walkies',
      columns: columns.columns,
      cards: board.cards,
      sourceLink: () => null,
    };
    expect(boardToMarkdown(input)).toContain('## Done (1)');
    expect(JSON.parse(boardToJson(input)).tasks).toHaveLength(2);
    expect(boardToCsv(input, 'jira')).toContain('1000000000000');
    expect(boardToCsv(input, 'github')).toContain('Sign in');

    // The projection (from what the server stored) writes the good cards, clamped, and logs
    // the rest with the document and keys.
    const warnings: { docName?: string; entries?: { key: string }[] }[] = [];
    const logger = pino(
      { level: 'warn' },
      { write: (line: string) => warnings.push(JSON.parse(line)) },
    );
    await eventually(
      async () => {
        warnings.length = 0;
        const projected = await projectBoard({ db: t.db, logger }, tenant.orgId, tenant.projectId);
        return projected.skipped === 4 && projected.cards === 2;
      },
      10_000,
      'the stored board to be projected',
    );
    expect(warnings[0]?.docName).toBe(docName);
    expect(warnings[0]?.entries?.map((e) => e.key)).toContain('x');
    const rows = await listTasks(t.db, tenant.orgId, tenant.projectId);
    expect(rows.map((r) => [r.id, r.estimate]).sort()).toEqual(
      [
        [first, null],
        [second, '999999.99'],
      ].sort(),
    );
  });

  it('keeps the suggestions list working, skipping and counting the bad entries', async () => {
    const { tenant, docName } = await t.newPrd();
    const alice = await open(tenant.orgId, docName, tenant.userId);
    const mallory = await open(tenant.orgId, docName, tenant.userId);
    alice.doc.getXmlFragment('default').insert(0, codec.toBlocks('Ship a fast board.'));
    createSuggestion(alice.doc, {
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
    mallory.doc.transact(() => {
      const suggestions = mallory.doc.getMap<unknown>('suggestions');
      suggestions.set('number', 1);
      suggestions.set('text', new Y.Text('boom'));
      const broken = new Y.Map<unknown>();
      suggestions.set('broken', broken);
      broken.set('kind', 'replace');
      broken.set('status', 'pending');
    });

    const bob = await open(tenant.orgId, docName, newId());
    await eventually(
      () =>
        readSuggestions(bob.doc).skipped.length === 3 &&
        readSuggestions(bob.doc).suggestions.length === 1,
      10_000,
      'every suggestion entry at bob',
    );
    const { suggestions, skipped } = readSuggestions(bob.doc);
    expect(suggestions.map((s) => s.id)).toEqual(['good']);
    expect(skipped.map((s) => s.key).sort()).toEqual(['broken', 'number', 'text']);
    expect(suggestions.map((s) => isSuggestionStale(bob.doc, s, codec))).toEqual([false]);
    expect(rejectSuggestion(bob.doc, 'number', { decidedBy: 'bob' })).toBe('missing');
    expect(rejectSuggestion(bob.doc, 'good', { decidedBy: 'bob' })).toBe('decided');
    await eventually(
      () => readSuggestions(alice.doc).suggestions[0]?.status === 'rejected',
      10_000,
      "bob's decision at alice",
    );
  });
});
