import { newId } from '@specboard/db';
import { appendDocUpdates, loadDocState } from '@specboard/db/doc-log';
import { loadYDoc } from '@specboard/doc/doc-state';
import type { PgBoss } from 'pg-boss';
import { pino } from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startRunner } from '../runner.ts';
import { useWorkerFixture } from '../test-support/worker-fixture.ts';
import { compactDocsJob } from './compact-docs.ts';

const logger = pino({ level: 'silent' });
const t = useWorkerFixture();
/** The organisation of these test documents (the Yjs tables need one; no other row refers to it). */
const orgId = newId();
let boss: PgBoss;

beforeAll(async () => {
  boss = await startRunner(
    [compactDocsJob],
    { db: t.db, logger },
    { databaseUrl: t.url, concurrency: 1, schema: 'pgboss_test' },
  );
  t.onCleanUp(() => boss.stop({ graceful: false }));
});

async function typeInto(docName: string, text: string): Promise<void> {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  for (const [i, ch] of [...text].entries()) doc.getText('body').insert(i, ch);
  await appendDocUpdates(
    t.db,
    orgId,
    updates.map((update) => ({ docName, update, origin: 'test' })),
  );
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('compact-docs job', () => {
  it('folds a document log into one snapshot that loads to the same text', async () => {
    await typeInto('doc:compact-direct', 'Launch checklist');
    const result = await compactDocsJob.perform(compactDocsJob.payload.parse({ minRows: 5 }), {
      db: t.db,
      logger,
    });
    expect(result).toMatchObject({ rows: 16 });
    const state = await loadDocState(t.db, orgId, 'doc:compact-direct');
    expect(state.updates).toEqual([]);
    expect(loadYDoc(state.snapshot, state.updates).getText('body').toString()).toBe(
      'Launch checklist',
    );
  });

  it('leaves small logs alone unless named', async () => {
    await typeInto('doc:small', 'ok');
    await compactDocsJob.perform(compactDocsJob.payload.parse({}), { db: t.db, logger });
    expect((await loadDocState(t.db, orgId, 'doc:small')).updates).toHaveLength(2);
  });

  it('runs through the real pg-boss queue', async () => {
    await typeInto('doc:queued', 'Queued compaction');
    await boss.send(compactDocsJob.queue, { docs: [{ orgId: orgId, docName: 'doc:queued' }] });
    await waitFor(async () => (await loadDocState(t.db, orgId, 'doc:queued')).updates.length === 0);
    const state = await loadDocState(t.db, orgId, 'doc:queued');
    expect(loadYDoc(state.snapshot, []).getText('body').toString()).toBe('Queued compaction');
  });
});
