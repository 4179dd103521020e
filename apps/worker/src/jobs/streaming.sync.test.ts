import { type Bus, createBus } from '@specboard/bus';
import { acceptSuggestion, listSuggestions } from '@specboard/doc/suggestions';
import { enqueuePlanRun } from '@specboard/jobs';
import {
  connect,
  eventually,
  type RunningServer,
  startServer,
  tokenFor,
} from '@specboard/sync-server/src/testing/harness.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { markdownCodec, readMarkdown } from '../ai/doc-model.ts';
import { loadDoc, type Worker, waitForRun } from '../test-support/ai-harness.ts';
import { startPacedStreamServer } from '../test-support/paced-stream-server.ts';
import { useWorkerFixture } from '../test-support/worker-fixture.ts';

const pieces = ['# Walkies\n\n', 'Owners ', 'book ', 'trusted ', 'walkers ', 'in ', 'minutes.'];

const t = useWorkerFixture();
let sync: RunningServer;
let bus: Bus;
let model: Awaited<ReturnType<typeof startPacedStreamServer>>;
let worker: Worker;

beforeAll(async () => {
  sync = await startServer(t.url);
  t.onCleanUp(() => sync.server.close());
  model = await startPacedStreamServer(pieces, 120);
  t.onCleanUp(() => model.close());
  bus = await createBus({ databaseUrl: t.url, instanceId: 'worker-stream-test' });
  t.onCleanUp(() => bus.close());
  worker = await t.startWorker(
    { kind: 'openai', name: 'paced', baseURL: model.baseURL, apiKey: 'k', model: 'gpt-paced' },
    { schema: 'pgboss_stream', bus },
  );
});

describe('AI text through the sync server', () => {
  it('streams into a suggestion every collaborator sees, without touching their text, until one accepts it', async () => {
    const { tenant, docName } = await t.newPrd();
    await t.writeMarkdown(tenant.orgId, docName, 'Our own words.', worker.bus);

    const client = connect(
      sync.collabUrl,
      docName,
      await tokenFor(docName, { sub: tenant.userId, org: tenant.orgId }),
    );
    await client.synced;
    const seen = new Set<string>();
    client.doc.getMap('suggestions').observeDeep(() => {
      for (const s of listSuggestions(client.doc)) {
        if (s.status === 'streaming') seen.add(s.content);
      }
    });

    const { runId } = await enqueuePlanRun(
      { db: t.db, boss: worker.boss },
      { orgId: tenant.orgId, projectId: tenant.projectId, triggeredBy: tenant.userId },
    );
    await eventually(
      () => listSuggestions(client.doc).some((s) => s.status === 'pending'),
      20_000,
      'the finished suggestion',
    );
    // Several partial texts arrived while the model was still writing.
    expect(seen.size).toBeGreaterThanOrEqual(3);
    const [suggestion] = listSuggestions(client.doc);
    expect(suggestion).toMatchObject({ kind: 'replace', model: 'gpt-paced', runId });
    expect(suggestion?.content).toBe(pieces.join(''));
    expect(markdownCodec.toMarkdown(client.doc.getXmlFragment('default'))).toBe('Our own words.');
    await waitForRun(t.db, tenant.orgId, runId);

    expect(
      acceptSuggestion(client.doc, suggestion?.id ?? '', {
        decidedBy: tenant.userId,
        codec: markdownCodec,
      }),
    ).toBe('decided');
    await eventually(
      async () => readMarkdown(await loadDoc(t.db, tenant.orgId, docName)) === pieces.join(''),
      10_000,
      'the accepted text to be stored',
    );
    client.destroy();
  });
});
