import { appendDocUpdates } from '@specboard/db/doc-log';
import { listTasks } from '@specboard/db/tasks';
import { createTenant } from '@specboard/db/testing';
import { type CardDraft, editCard, insertCards, moveCard, readCards } from '@specboard/doc/board';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardDocName } from '../ai/doc-model.ts';
import { boardProjectJob } from '../jobs/board-project.ts';
import { boardProjectSweepJob } from '../jobs/board-project-sweep.ts';
import { waitFor } from '../test-support/ai-harness.ts';
import { useWorkerFixture } from '../test-support/worker-fixture.ts';
import { projectBoardsOnChange } from './project-on-change.ts';

const t = useWorkerFixture();
const logger = pino({ level: 'silent' });

/** A browser on the board: every local change is logged as the sync server would store it. */
function client(orgId: string, docName: string) {
  const doc = new Y.Doc();
  const pending: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'remote') pending.push(update);
  });
  return {
    doc,
    async flush() {
      await appendDocUpdates(
        t.db,
        orgId,
        pending.splice(0).map((update) => ({ docName, update, origin: 'test:client' })),
      );
    },
    receive(update: Uint8Array) {
      Y.applyUpdate(doc, update, 'remote');
    },
  };
}

const draft = (n: number): CardDraft => ({
  id: `01JB0ARD00000000000000000${n}`,
  title: `Card ${n}`,
  description: `About ${n}`,
  estimate: n,
  priority: 'medium',
  labels: ['backend'],
  dependsOn: [],
  acceptanceCriteria: [{ text: 'works', done: false }],
  assigneeId: null,
  assigneeName: null,
  epicId: null,
  epicTitle: null,
  storyId: null,
  sourceVersionId: null,
  sourceAnchor: 'Goals',
});

describe('board → tasks projection', () => {
  it('projects the converged board after concurrent moves from two clients', async () => {
    const tenant = await createTenant(t.db);
    const docName = boardDocName(tenant.projectId);
    const alice = client(tenant.orgId, docName);
    const bob = client(tenant.orgId, docName);
    insertCards(alice.doc, [1, 2, 3, 4].map(draft));
    await alice.flush();
    bob.receive(Y.encodeStateAsUpdate(alice.doc));

    moveCard(alice.doc, draft(1).id, 'review', 0);
    moveCard(bob.doc, draft(1).id, 'done', 0);
    moveCard(bob.doc, draft(4).id, 'todo', 0);
    editCard(alice.doc, draft(2).id, { title: 'Renamed by Alice' });
    await Promise.all([alice.flush(), bob.flush()]);
    alice.receive(Y.encodeStateAsUpdate(bob.doc));
    bob.receive(Y.encodeStateAsUpdate(alice.doc));
    expect(readCards(alice.doc)).toEqual(readCards(bob.doc));

    const payload = { orgId: tenant.orgId, projectId: tenant.projectId };
    await boardProjectJob.perform(payload, { db: t.db, logger });
    const rows = await listTasks(t.db, tenant.orgId, tenant.projectId);
    const expected = readCards(alice.doc);
    expect(rows.map((r) => [r.id, r.status, r.board_order, r.title])).toEqual(
      [...expected]
        .sort((a, b) => (a.status === b.status ? 0 : a.status < b.status ? -1 : 1))
        .map((c) => [c.id, c.status, c.order, c.title]),
    );
    expect(['review', 'done']).toContain(rows.find((r) => r.id === draft(1).id)?.status);
    expect(rows.find((r) => r.id === draft(3).id)).toMatchObject({
      labels: ['backend'],
      acceptance_criteria: [{ text: 'works', done: false }],
      source_anchor: 'Goals',
    });

    // Idempotent: the sweep projects the same rows again without changing them.
    await boardProjectSweepJob.perform({}, { db: t.db, logger });
    const again = await listTasks(t.db, tenant.orgId, tenant.projectId);
    expect(again.map((r) => r.updated_at)).toEqual(rows.map((r) => r.updated_at));
  });

  it('projects the rest of the board when a client wrote a card whose id cannot be a row', async () => {
    const tenant = await createTenant(t.db);
    const browser = client(tenant.orgId, boardDocName(tenant.projectId));
    insertCards(browser.doc, [draft(6), { ...draft(7), id: 'card-from-an-old-client' }]);
    await browser.flush();
    const payload = { orgId: tenant.orgId, projectId: tenant.projectId };
    await boardProjectJob.perform(payload, { db: t.db, logger });
    const rows = await listTasks(t.db, tenant.orgId, tenant.projectId);
    expect(rows.map((r) => r.id)).toEqual([draft(6).id]);
  });

  it('projects a board holding entries that are not cards, counting them, with values clamped', async () => {
    const tenant = await createTenant(t.db);
    const browser = client(tenant.orgId, boardDocName(tenant.projectId));
    const big = { ...draft(2), id: '01JB0ARD00000000000000000B', estimate: 1e12 };
    insertCards(browser.doc, [{ ...draft(1), id: '01JB0ARD00000000000000000A' }, big]);
    const tasks = browser.doc.getMap<unknown>('tasks');
    tasks.set('x', 1);
    tasks.set('01JB0ARD000000000000000009', 'a string where a card belongs');
    tasks.set('array', new Y.Array());
    const wild = new Y.Map<unknown>();
    tasks.set('01JB0ARD00000000000000000W', wild);
    wild.set('title', 'Wild\u0000');
    wild.set('status', 'x'.repeat(10_000));
    wild.set('estimate', -1e15);
    browser.doc.getArray<unknown>('columns').push(['not a column']);
    await browser.flush();
    const payload = { orgId: tenant.orgId, projectId: tenant.projectId };
    const warnings: unknown[] = [];
    const recording = pino(
      { level: 'warn' },
      { write: (line: string) => warnings.push(JSON.parse(line)) },
    );
    expect(await boardProjectJob.perform(payload, { db: t.db, logger: recording })).toEqual({
      cards: 3,
      skipped: 3,
    });
    expect(warnings).toMatchObject([
      {
        docName: boardDocName(tenant.projectId),
        structure: 'tasks',
        skipped: 3,
        entries: expect.arrayContaining([{ key: 'x', reason: 'expected a Y.Map, found number' }]),
      },
    ]);
    const rows = await listTasks(t.db, tenant.orgId, tenant.projectId);
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(big.id)?.estimate).toBe('999999.99');
    expect(byId.get('01JB0ARD00000000000000000W')).toMatchObject({
      title: 'Wild',
      estimate: '-999999.99',
    });
  });

  it('projects a 10,000-card board', async () => {
    const tenant = await createTenant(t.db);
    const browser = client(tenant.orgId, boardDocName(tenant.projectId));
    const ids = Array.from({ length: 10_000 }, (_, i) => `01JB1G${String(i).padStart(20, '0')}`);
    insertCards(
      browser.doc,
      ids.map((id, i) => ({ ...draft(i % 10), id, title: `Card ${i}` })),
    );
    await browser.flush();
    const payload = { orgId: tenant.orgId, projectId: tenant.projectId };
    const started = performance.now();
    expect(await boardProjectJob.perform(payload, { db: t.db, logger })).toEqual({
      cards: 10_000,
      skipped: 0,
    });
    const first = performance.now() - started;
    moveCard(browser.doc, ids[0] ?? '', 'done', 0);
    await browser.flush();
    const again = performance.now();
    await boardProjectJob.perform(payload, { db: t.db, logger });
    const second = performance.now() - again;
    process.stdout.write(
      `10,000-card projection: ${Math.round(first)} ms; again after one move: ${Math.round(second)} ms\n`,
    );
    const rows = await listTasks(t.db, tenant.orgId, tenant.projectId);
    expect(rows).toHaveLength(10_000);
    expect(rows.find((r) => r.id === ids[0])?.status).toBe('done');
  }, 120_000);

  it('follows a move from a browser within seconds, without waiting for the sweep', async () => {
    const tenant = await createTenant(t.db);
    const docName = boardDocName(tenant.projectId);
    const worker = await t.startWorker({ kind: 'offline' }, { schema: 'pgboss_projection' });
    const listener = await projectBoardsOnChange({
      databaseUrl: t.url,
      db: t.db,
      boss: worker.boss,
      logger,
    });
    try {
      const browser = client(tenant.orgId, docName);
      insertCards(browser.doc, [draft(5)]);
      await browser.flush();
      await waitFor(
        () => listTasks(t.db, tenant.orgId, tenant.projectId),
        (rows) => rows.length === 1,
        10_000,
      );
      moveCard(browser.doc, draft(5).id, 'in_progress', 0);
      await browser.flush();
      const rows = await waitFor(
        () => listTasks(t.db, tenant.orgId, tenant.projectId),
        (found) => found[0]?.status === 'in_progress',
        10_000,
      );
      expect(rows.map((r) => [r.id, r.status])).toEqual([[draft(5).id, 'in_progress']]);
    } finally {
      await listener.close();
    }
  });
});
