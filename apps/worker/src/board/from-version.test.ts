import { createDocument } from '@specboard/db/documents';
import { getPlanRun } from '@specboard/db/plan-runs';
import { listTasks } from '@specboard/db/tasks';
import { createTenant } from '@specboard/db/testing';
import { moveCard, readCards } from '@specboard/doc/board';
import { acceptProposal, readProposals } from '@specboard/doc/board-proposals';
import { enqueueVersionTasks } from '@specboard/jobs';
import { DocSession, saveStoredVersion } from '@specboard/stored-doc';
import { beforeAll, describe, expect, it } from 'vitest';
import { boardDocName, documentDocName, fillWithMarkdown } from '../ai/doc-model.ts';
import { loadDoc, type Worker, waitFor } from '../test-support/ai-harness.ts';
import { useWorkerFixture } from '../test-support/worker-fixture.ts';

const t = useWorkerFixture();
let worker: Worker;

beforeAll(async () => {
  worker = await t.startWorker({ kind: 'offline' }, { schema: 'pgboss_board' });
});

const v1 = `# Plan

## Requirements

- Users can sign in with email
- Users can reset the password`;

const v2 = `# Plan

## Functional requirements

- Users can sign in with email
- Users can export reports`;

async function write(orgId: string, docName: string, change: Parameters<DocSession['change']>[0]) {
  const session = await DocSession.open(
    { db: t.db, bus: worker.bus },
    orgId,
    docName,
    'test:person',
  );
  try {
    await session.change(change);
  } finally {
    session.destroy();
  }
}

describe('create tasks from a version', () => {
  it('inserts cards live, then proposes changes for a newer version without touching statuses', async () => {
    const tenant = await createTenant(t.db);
    const prd = await createDocument(t.db, {
      orgId: tenant.orgId,
      projectId: tenant.projectId,
      type: 'prd',
      title: 'PRD',
      createdBy: tenant.userId,
    });
    if (!prd) throw new Error('no document');
    const version = async (markdown: string) => {
      await write(tenant.orgId, documentDocName(prd.id), (doc) => fillWithMarkdown(doc, markdown));
      const saved = await saveStoredVersion(t.db, {
        orgId: tenant.orgId,
        documentId: prd.id,
        trigger: 'manual',
        label: null,
        createdBy: tenant.userId,
        skipWhenUnchanged: false,
      });
      if (!saved) throw new Error('no version');
      return saved;
    };
    const first = await version(v1);
    const published = worker.bus.published.length;
    const { runId } = await enqueueVersionTasks(
      { db: t.db, boss: worker.boss },
      { orgId: tenant.orgId, versionId: first.id, requestedBy: tenant.userId },
    );
    const tasks = await waitFor(
      () => listTasks(t.db, tenant.orgId, tenant.projectId),
      (rows) => rows.length === 4,
    );
    expect(tasks.every((row) => row.source_version_id === first.id)).toBe(true);
    expect(new Set(tasks.map((row) => row.source_anchor))).toEqual(new Set(['Requirements']));
    expect(tasks.every((row) => row.epic_id !== null && row.story_id !== null)).toBe(true);
    expect(worker.bus.published.length).toBeGreaterThan(published);
    const boardName = boardDocName(tenant.projectId);
    expect(worker.bus.published.at(-1)?.docName).toBe(boardName);
    // The model calls are a recorded run, started by the person who asked, like any other.
    const run = await waitFor(
      () => getPlanRun(t.db, tenant.orgId, runId),
      (found) => found?.run.status === 'succeeded',
    );
    expect(run?.run.triggered_by).toBe(tenant.userId);
    expect(run?.steps.map((row) => [row.step, row.status])).toEqual([
      ['breakdown', 'succeeded'],
      ['tasks', 'succeeded'],
    ]);

    const signIn = readCards(await loadDoc(t.db, tenant.orgId, boardName)).find(
      (card) => card.title === 'Build: Users can sign in with email',
    );
    if (!signIn) throw new Error('card missing');
    await write(tenant.orgId, boardName, (doc) => moveCard(doc, signIn.id, 'in_progress', 0));

    const second = await version(v2);
    await enqueueVersionTasks(
      { db: t.db, boss: worker.boss },
      { orgId: tenant.orgId, versionId: second.id, requestedBy: tenant.userId },
    );
    const board = await waitFor(
      () => loadDoc(t.db, tenant.orgId, boardName),
      (doc) => readProposals(doc).length > 0,
    );
    const proposals = readProposals(board);
    const summary = proposals.map((p) => `${p.kind}:${p.kind === 'add' ? p.card.title : p.title}`);
    expect(summary.sort()).toEqual(
      [
        'add:Acceptance tests: Users can export reports',
        'add:Build: Users can export reports',
        'add:Data model for: Users can export reports',
        'modify:Acceptance tests: Users can sign in with email',
        'modify:Build: Users can sign in with email',
        'remove:Acceptance tests: Users can reset the password',
        'remove:Build: Users can reset the password',
      ].sort(),
    );
    expect(readCards(board)).toHaveLength(4);
    expect(readCards(board).find((c) => c.id === signIn.id)?.status).toBe('in_progress');

    await write(tenant.orgId, boardName, (doc) => {
      for (const proposal of readProposals(doc)) acceptProposal(doc, proposal.id);
    });
    const accepted = readCards(await loadDoc(t.db, tenant.orgId, boardName));
    expect(accepted).toHaveLength(5);
    expect(accepted.find((c) => c.id === signIn.id)).toMatchObject({
      status: 'in_progress',
      sourceVersionId: second.id,
      sourceAnchor: 'Functional requirements',
    });
  });
});
