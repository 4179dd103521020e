import { listSuggestions } from '@specboard/db/suggestions';
import { createTenant } from '@specboard/db/testing';
import { enqueuePlanRun, enqueueSuggest } from '@specboard/jobs';
import {
  type FakeOpenAIServer,
  startFakeOpenAIServer,
} from '@specboard/pipeline/testing/fake-openai-server';
import { samplePrd } from '@specboard/pipeline/testing/samples';
import { beforeAll, describe, expect, it } from 'vitest';
import { boardDocName, documentDocName, readMarkdown } from '../ai/doc-model.ts';
import { loadDoc, suggestionsIn, type Worker, waitForRun } from '../test-support/ai-harness.ts';
import { useWorkerFixture } from '../test-support/worker-fixture.ts';

const t = useWorkerFixture();
let server: FakeOpenAIServer;
let worker: Worker;

beforeAll(async () => {
  server = await startFakeOpenAIServer();
  t.onCleanUp(() => server.close());
  worker = await t.startWorker(
    { kind: 'openai', name: 'fake', baseURL: server.baseURL, apiKey: 'k', maxRetries: 0 },
    { schema: 'pgboss_invalid' },
  );
});

/** Valid JSON that breaks the suggestion schema (an unknown kind, no quote). */
const schemaInvalid = { content: JSON.stringify({ suggestions: [{ kind: 'rewrite-all' }] }) };

describe('an invalid AI reply', () => {
  it('never reaches the document: the step fails with the reason after one corrective retry', async () => {
    const { tenant, document, docName } = await t.newPrd();
    const written = await t.writeMarkdown(tenant.orgId, docName, samplePrd, worker.bus);
    server.script(schemaInvalid, { content: '{"suggestions": [' });
    const before = server.requests.length;
    const publishedBefore = worker.bus.published.length;

    const { runId } = await enqueueSuggest(
      { db: t.db, boss: worker.boss },
      {
        orgId: tenant.orgId,
        documentId: document.id,
        requestedBy: tenant.userId,
        instruction: 'Rewrite everything',
        selection: 'Dog owners book vetted walkers nearby.',
      },
    );
    const { run, steps } = await waitForRun(t.db, tenant.orgId, runId);
    expect(run.status).toBe('failed');
    expect(steps[0]?.error_message).toMatch(/invalid/i);
    // Both rejected replies were paid for: their tokens and cost are on the step (list price).
    expect([steps[0]?.tokens_in, steps[0]?.tokens_out, Number(steps[0]?.cost_usd)]).toEqual([
      200, 100, 0.00009,
    ]);
    // The retry told the model what was wrong.
    expect(server.requests.length - before).toBe(2);
    expect(JSON.stringify(server.requests.at(-1)?.body.messages)).toMatch(/kind|quote/);

    // The "AI is writing…" placeholder on the selection was shown, then removed: two updates.
    expect(worker.bus.published.length - publishedBefore).toBe(2);
    const doc = await loadDoc(t.db, tenant.orgId, documentDocName(document.id));
    expect(suggestionsIn(doc)).toEqual({});
    expect(readMarkdown(doc)).toBe(written);
    expect(await listSuggestions(t.db, tenant.orgId, document.id)).toEqual([]);
  });

  it('for the breakdown puts nothing on the board and leaves the later step skipped', async () => {
    const tenant = await createTenant(t.db);
    server.script(
      { content: samplePrd },
      { content: '## Architecture\n\nA web app.' },
      { content: '{"epics": "none"}' },
      { content: '{"epics": "still none"}' },
    );
    const { runId } = await enqueuePlanRun(
      { db: t.db, boss: worker.boss },
      { orgId: tenant.orgId, projectId: tenant.projectId, triggeredBy: tenant.userId },
    );
    const { run, steps } = await waitForRun(t.db, tenant.orgId, runId);
    expect(run.status).toBe('partial');
    expect(steps.map((s) => [s.step, s.status])).toEqual([
      ['prd', 'succeeded'],
      ['tech', 'succeeded'],
      ['breakdown', 'failed'],
      ['tasks', 'skipped'],
    ]);
    const board = await loadDoc(t.db, tenant.orgId, boardDocName(tenant.projectId));
    expect(board.getMap('tasks').size).toBe(0);
  });
});
