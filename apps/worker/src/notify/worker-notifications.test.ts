import { withCrossTenant } from '@specboard/db';
import { listActivity } from '@specboard/db/activity';
import { appendDocUpdates } from '@specboard/db/doc-log';
import { listInbox } from '@specboard/db/inbox';
import { addMember, createUser } from '@specboard/db/organizations';
import { setRunStepsStatus, transitionPlanRun } from '@specboard/db/plan-run-progress';
import { createPlanRun } from '@specboard/db/plan-runs';
import type { Tenant } from '@specboard/db/testing';
import { blankCard, type CardDraft, insertCards, moveCard } from '@specboard/doc/board';
import { enqueueSuggest } from '@specboard/jobs';
import { samplePrd } from '@specboard/pipeline/testing/samples';
import { pino } from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardDocName } from '../ai/doc-model.ts';
import { projectBoard } from '../board/projection.ts';
import { suggestJob } from '../jobs/suggest.ts';
import { type Worker, waitForRun } from '../test-support/ai-harness.ts';
import { useWorkerFixture } from '../test-support/worker-fixture.ts';
import { endRun } from './run-ended.ts';

const t = useWorkerFixture();
const logger = pino({ level: 'silent' });
let worker: Worker;

beforeAll(async () => {
  worker = await t.startWorker({ kind: 'offline' });
});

async function addEditor(tenant: Tenant, name: string): Promise<string> {
  const { id } = await createUser(t.db, { name, email: `${name}-${tenant.orgId}@example.com` });
  await addMember(t.db, { orgId: tenant.orgId, userId: id, role: 'editor' });
  return id;
}

async function kindsOf(userId: string) {
  return (await listInbox(t.db, userId)).map((item) => [item.kind, item.link]);
}

async function actions(tenant: Tenant) {
  const entries = await withCrossTenant(t.db, 'test', (trx) =>
    listActivity(trx, tenant.orgId, { limit: 200 }),
  );
  return entries.map((entry) => entry.action);
}

describe('worker notifications and audit entries', () => {
  it('an AI suggestion tells the document owner and the run tells whoever started it, once', async () => {
    const { tenant, document, docName } = await t.newPrd();
    await t.writeMarkdown(tenant.orgId, docName, samplePrd, worker.bus);
    const bob = await addEditor(tenant, 'bob');
    const { runId } = await enqueueSuggest(
      { db: t.db, boss: worker.boss },
      {
        orgId: tenant.orgId,
        documentId: document.id,
        requestedBy: bob,
        instruction: 'Make this measurable',
        selection: 'Bookings should be fast.',
      },
    );
    expect((await waitForRun(t.db, tenant.orgId, runId)).run.status).toBe('succeeded');
    const docLink = `/orgs/${tenant.orgId}/documents/${document.id}`;
    const runLink = `/orgs/${tenant.orgId}/runs/${runId}`;
    expect(await kindsOf(tenant.userId)).toEqual([['ai_suggestion', docLink]]);
    expect(await kindsOf(bob)).toEqual([['run_finished', runLink]]);
    expect(await actions(tenant)).toEqual(
      expect.arrayContaining(['ai.suggestions_written', 'run.succeeded']),
    );

    // A retried job rewrites the same suggestions and tells nobody again.
    await transitionPlanRun(t.db, tenant.orgId, runId, ['succeeded'], 'running');
    await setRunStepsStatus(t.db, tenant.orgId, runId, ['succeeded'], 'running');
    await suggestJob.perform({ orgId: tenant.orgId, runId }, worker.deps);
    expect(await kindsOf(tenant.userId)).toHaveLength(1);
  });

  it('a failed run tells the person who started it and is audited, only on the transition', async () => {
    const { tenant } = await t.newPrd();
    const bob = await addEditor(tenant, 'bob');
    const { run } = await createPlanRun(t.db, {
      orgId: tenant.orgId,
      projectId: tenant.projectId,
      triggeredBy: bob,
      provider: 'offline',
      model: 'offline-template',
      inputSnapshot: {},
      steps: [],
    });
    const ref = { orgId: tenant.orgId, runId: run.id };
    const details = { errorMessage: 'prd: the model refused' };
    expect(await endRun(t.db, ref, ['queued', 'running'], 'failed', details)).toBe(true);
    expect(await endRun(t.db, ref, ['queued', 'running'], 'failed', details)).toBe(false);
    expect(await kindsOf(bob)).toEqual([['run_failed', `/orgs/${tenant.orgId}/runs/${run.id}`]]);
    expect(await actions(tenant)).toContain('run.failed');
  });

  it('a board projection audits moves and tells a new assignee, with a link to the card', async () => {
    const { tenant } = await t.newPrd();
    const bob = await addEditor(tenant, 'bob');
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    const card: CardDraft = {
      ...blankCard('01JB0ARD000000000000000001', 'Checkout page'),
      assigneeId: bob,
      assigneeName: 'bob',
    };
    insertCards(doc, [card]);
    const store = async () =>
      appendDocUpdates(
        t.db,
        tenant.orgId,
        updates.splice(0).map((update) => ({
          docName: boardDocName(tenant.projectId),
          update,
          origin: 'test:client',
        })),
      );
    await store();
    await projectBoard({ db: t.db, logger }, tenant.orgId, tenant.projectId);
    moveCard(doc, card.id, 'in_progress', 0);
    await store();
    await projectBoard({ db: t.db, logger }, tenant.orgId, tenant.projectId);
    await projectBoard({ db: t.db, logger }, tenant.orgId, tenant.projectId);
    expect(await kindsOf(bob)).toEqual([
      ['card_assigned', `/orgs/${tenant.orgId}/projects/${tenant.projectId}/board?card=${card.id}`],
    ]);
    const audited = await actions(tenant);
    expect(audited.filter((action) => action === 'task.moved')).toHaveLength(1);
    expect(audited.filter((action) => action === 'board.projected')).toHaveLength(2);
  });
});
