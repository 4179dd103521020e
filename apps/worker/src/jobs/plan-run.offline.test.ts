import { listDocuments } from '@specboard/db/documents';
import { listModelStats } from '@specboard/db/model-stats';
import { createTenant } from '@specboard/db/testing';
import { listVersions } from '@specboard/db/versions';
import { moveCard, readCards } from '@specboard/doc/board';
import { enqueuePlanRun } from '@specboard/jobs';
import { DocSession } from '@specboard/stored-doc';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { boardDocName, documentDocName, readMarkdown } from '../ai/doc-model.ts';
import { loadDoc, type Worker, waitForRun } from '../test-support/ai-harness.ts';
import { useWorkerFixture } from '../test-support/worker-fixture.ts';

const t = useWorkerFixture();
let worker: Worker;

beforeAll(async () => {
  worker = await t.startWorker({ kind: 'offline' });
});

describe('plan run with the offline provider', () => {
  it('fills the PRD and tech spec, versions them and puts tasks on the board', async () => {
    const tenant = await createTenant(t.db);
    const { runId } = await enqueuePlanRun(
      { db: t.db, boss: worker.boss },
      { orgId: tenant.orgId, projectId: tenant.projectId, triggeredBy: tenant.userId },
    );
    const { run, steps } = await waitForRun(t.db, tenant.orgId, runId);
    expect(run.status).toBe('succeeded');
    expect(steps.map((s) => [s.step, s.status, s.provider])).toEqual([
      ['prd', 'succeeded', 'offline'],
      ['tech', 'succeeded', 'offline'],
      ['breakdown', 'succeeded', 'offline'],
      ['tasks', 'succeeded', 'offline'],
    ]);
    for (const step of steps) {
      expect(step.prompt_hash).toMatch(/^[0-9a-f]{16,}$/);
      expect(step.latency_ms).not.toBeNull();
      expect(step.attempt).toBe(1);
    }

    const documents = await listDocuments(t.db, tenant.orgId, tenant.projectId);
    const prd = documents.find((d) => d.type === 'prd');
    const tech = documents.find((d) => d.type === 'tech');
    if (!prd || !tech) throw new Error('documents were not created');
    const prdDoc = await loadDoc(t.db, tenant.orgId, documentDocName(prd.id));
    expect(readMarkdown(prdDoc)).toContain('## Success metrics');
    expect(prdDoc.getMap('suggestions').size).toBe(0);
    expect(readMarkdown(await loadDoc(t.db, tenant.orgId, documentDocName(tech.id)))).toMatch(
      /^## /m,
    );

    const versions = await listVersions(t.db, tenant.orgId, prd.id);
    expect(versions.map((v) => v.trigger)).toContain('generation');
    expect(versions[0]?.plan_run_id).toBe(runId);

    const board = (await loadDoc(t.db, tenant.orgId, boardDocName(tenant.projectId))).getMap(
      'tasks',
    );
    const taskIds = z
      .object({ boardTaskIds: z.array(z.string()) })
      .parse(steps[3]?.output).boardTaskIds;
    expect(taskIds.length).toBeGreaterThan(0);
    expect(board.size).toBe(taskIds.length);
    expect(worker.bus.published.every((m) => m.kind === 'update' && m.updateId)).toBe(true);

    const stats = await listModelStats(t.db, tenant.orgId);
    expect(stats.map((s) => [s.step, s.model, s.runs, s.failures])).toEqual([
      ['breakdown', 'offline-template', 1, 0],
      ['prd', 'offline-template', 1, 0],
      ['tasks', 'offline-template', 1, 0],
      ['tech', 'offline-template', 1, 0],
    ]);
  });

  it('run again, it duplicates no card and leaves where people moved them', async () => {
    const tenant = await createTenant(t.db);
    const deps = { db: t.db, boss: worker.boss };
    const request = {
      orgId: tenant.orgId,
      projectId: tenant.projectId,
      triggeredBy: tenant.userId,
    };
    const first = await enqueuePlanRun(deps, request);
    expect((await waitForRun(t.db, tenant.orgId, first.runId)).run.status).toBe('succeeded');

    const session = await DocSession.open(
      { db: t.db, bus: worker.bus },
      tenant.orgId,
      boardDocName(tenant.projectId),
      'test:person',
    );
    const before = readCards(session.doc);
    const moved = before[0];
    if (!moved) throw new Error('the first run put no card on the board');
    await session.change((doc) => moveCard(doc, moved.id, 'done', 0));
    session.destroy();

    const second = await enqueuePlanRun(deps, request);
    const { run, steps } = await waitForRun(t.db, tenant.orgId, second.runId);
    expect(run.status).toBe('succeeded');
    expect(steps.find((s) => s.step === 'tasks')?.output).toMatchObject({ inserted: 0 });

    const after = readCards(await loadDoc(t.db, tenant.orgId, boardDocName(tenant.projectId)));
    expect(after.map((card) => card.id).sort()).toEqual(before.map((card) => card.id).sort());
    expect(after.find((card) => card.id === moved.id)?.status).toBe('done');
  });
});
