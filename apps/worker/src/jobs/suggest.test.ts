import { setRunStepsStatus, transitionPlanRun } from '@specboard/db/plan-run-progress';
import { listSuggestions } from '@specboard/db/suggestions';
import { enqueueReview, enqueueSuggest } from '@specboard/jobs';
import { samplePrd } from '@specboard/pipeline/testing/samples';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { documentDocName, readMarkdown } from '../ai/doc-model.ts';
import { loadDoc, suggestionsIn, type Worker, waitForRun } from '../test-support/ai-harness.ts';
import { useWorkerFixture } from '../test-support/worker-fixture.ts';
import { suggestJob } from './suggest.ts';

const t = useWorkerFixture();
let worker: Worker;

beforeAll(async () => {
  worker = await t.startWorker({ kind: 'offline' });
});

async function prdWithText() {
  const { tenant, document, docName } = await t.newPrd();
  await t.writeMarkdown(tenant.orgId, docName, samplePrd, worker.bus);
  return { tenant, document };
}

describe('suggest and review jobs', () => {
  it('writes anchored suggestions into the document and records who asked', async () => {
    const { tenant, document } = await prdWithText();
    const deps = { db: t.db, boss: worker.boss };
    const { runId } = await enqueueSuggest(deps, {
      orgId: tenant.orgId,
      documentId: document.id,
      requestedBy: tenant.userId,
      instruction: 'Make this measurable',
      selection: 'Bookings should be fast.',
    });
    const { run } = await waitForRun(t.db, tenant.orgId, runId);
    expect(run.status).toBe('succeeded');
    const doc = await loadDoc(t.db, tenant.orgId, documentDocName(document.id));
    const suggestions = Object.entries(suggestionsIn(doc));
    expect(suggestions).toHaveLength(1);
    const [id, suggestion] = suggestions[0] ?? [];
    expect(suggestion).toMatchObject({
      kind: 'replace',
      quote: 'Bookings should be fast.',
      status: 'pending',
      requestedBy: tenant.userId,
      model: 'offline-template',
    });
    expect(readMarkdown(doc)).toContain('Bookings should be fast.');
    const records = await listSuggestions(t.db, tenant.orgId, document.id);
    expect(records.map((r) => [r.id, r.requested_by, r.status])).toEqual([
      [id, tenant.userId, 'pending'],
    ]);

    // A retried job (e.g. after a crash right after writing) rewrites the same suggestion.
    await transitionPlanRun(t.db, tenant.orgId, runId, ['succeeded'], 'running');
    await setRunStepsStatus(t.db, tenant.orgId, runId, ['succeeded'], 'running');
    await suggestJob.perform({ orgId: tenant.orgId, runId }, worker.deps);
    const again = await loadDoc(t.db, tenant.orgId, documentDocName(document.id));
    expect(Object.keys(suggestionsIn(again))).toEqual([id]);
    expect(await listSuggestions(t.db, tenant.orgId, document.id)).toHaveLength(1);
  });

  it('reviews a PRD for completeness and offers the findings as suggestions', async () => {
    const { tenant, document } = await prdWithText();
    const { runId } = await enqueueReview(
      { db: t.db, boss: worker.boss },
      { orgId: tenant.orgId, documentId: document.id, requestedBy: tenant.userId },
    );
    const { run, steps } = await waitForRun(t.db, tenant.orgId, runId);
    expect(run.status).toBe('succeeded');
    const written = z
      .object({ suggestionIds: z.array(z.string()) })
      .parse(steps[0]?.output).suggestionIds;
    expect(written.length).toBeGreaterThan(0);
    const doc = await loadDoc(t.db, tenant.orgId, documentDocName(document.id));
    expect(Object.keys(suggestionsIn(doc)).sort()).toEqual([...written].sort());
  });
});
