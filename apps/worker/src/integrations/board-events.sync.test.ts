import { randomBytes } from 'node:crypto';
import { appendDocUpdates } from '@specboard/db/doc-log';
import { createIntegration, listDeliveries } from '@specboard/db/integrations';
import { createTenant } from '@specboard/db/testing';
import { type CardDraft, insertCards, moveCard } from '@specboard/doc/board';
import { createSecretBox, newSigningSecret, sealCredentials } from '@specboard/integrations';
import { FakeReceiver } from '@specboard/integrations/testing/fake-receiver';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardDocName } from '../ai/doc-model.ts';
import { boardProjectJob } from '../jobs/board-project.ts';
import { startWorker, waitFor } from '../test-support/ai-harness.ts';
import { useWorkerFixture } from '../test-support/worker-fixture.ts';

const t = useWorkerFixture();
const box = createSecretBox({ id: 'test', key: randomBytes(32) });

const draft: CardDraft = {
  id: '01JB0ARD000000000000000001',
  title: 'Sign-up form',
  description: 'Email and password',
  estimate: 3,
  priority: 'medium',
  labels: [],
  dependsOn: [],
  acceptanceCriteria: [{ text: 'validates email', done: false }],
  assigneeId: null,
  assigneeName: null,
  epicId: null,
  epicTitle: null,
  storyId: null,
  sourceVersionId: null,
  sourceAnchor: null,
};

describe('board changes as outgoing webhooks', () => {
  it('delivers card.created, then card.moved and card.done, through the real queue', async () => {
    const receiver = await FakeReceiver.start();
    t.onCleanUp(() => receiver.close());
    const tenant = await createTenant(t.db);
    const integration = await createIntegration(t.db, {
      orgId: tenant.orgId,
      kind: 'webhook',
      name: 'Receiver',
      config: { events: ['card.created', 'card.moved', 'card.done'], host: 'localhost' },
      secretSealed: sealCredentials(box, {
        url: receiver.url(),
        signingSecret: newSigningSecret(),
      }),
      createdBy: null,
    });
    const worker = await startWorker(t.db, t.url, { kind: 'offline' }, 'pgboss_board_events');
    // The runner hands each job these deps when it runs: delivery jobs open credentials with `box`.
    worker.deps.integrations = { box, allowPrivate: true, appBaseUrl: 'http://app.test' };
    const deps = { ...worker.deps, boss: worker.boss };

    const docName = boardDocName(tenant.projectId);
    const doc = new Y.Doc();
    const write = async (change: () => void) => {
      const before = Y.encodeStateVector(doc);
      change();
      await appendDocUpdates(t.db, tenant.orgId, [
        { docName, update: Y.encodeStateAsUpdate(doc, before), origin: 'test:client' },
      ]);
      await boardProjectJob.perform({ orgId: tenant.orgId, projectId: tenant.projectId }, deps);
    };

    await write(() => insertCards(doc, [draft]));
    const [created] = await receiver.waitFor(1);
    expect(JSON.parse(created?.body ?? '{}')).toMatchObject({
      type: 'card.created',
      data: {
        cardId: draft.id,
        title: 'Sign-up form',
        projectId: tenant.projectId,
        url: `http://app.test/orgs/${tenant.orgId}/projects/${tenant.projectId}/board`,
      },
    });
    expect(created?.headers['webhook-signature']).toMatch(/^v1,/);

    await write(() => moveCard(doc, draft.id, 'done', 0));
    const all = await receiver.waitFor(3);
    expect(all.map((r) => JSON.parse(r.body).type).sort()).toEqual([
      'card.created',
      'card.done',
      'card.moved',
    ]);
    // The receiver answers before the worker records the answer: wait for the log.
    await waitFor(
      () => listDeliveries(t.db, tenant.orgId, integration.id),
      (log) => log.length === 3 && log.every((d) => d.status === 'succeeded'),
    );

    await write(() => undefined);
    expect(await listDeliveries(t.db, tenant.orgId, integration.id)).toHaveLength(3);
  });
});
