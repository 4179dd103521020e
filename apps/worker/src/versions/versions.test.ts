import { listVersions } from '@specboard/db/versions';
import { describe, expect, it } from 'vitest';
import { readMarkdown } from '../ai/doc-model.ts';
import { versionRestoreJob } from '../jobs/version-restore.ts';
import { versionSaveJob } from '../jobs/version-save.ts';
import { loadDoc, RecordingBus } from '../test-support/ai-harness.ts';
import { useWorkerFixture } from '../test-support/worker-fixture.ts';
import { saveAutoVersions } from './auto-versions.ts';

const t = useWorkerFixture();
async function setup() {
  const { tenant, document, docName } = await t.newPrd();
  const bus = new RecordingBus();
  const write = (markdown: string) => t.writeMarkdown(tenant.orgId, docName, markdown, bus);
  return { tenant, document, bus, docName, write, deps: { db: t.db, logger: t.logger, bus } };
}

describe('versions in the worker', () => {
  it('saves a named version with Yjs state, JSON and Markdown', async () => {
    const { tenant, document, write, deps } = await setup();
    await write('## Goals\n\nShip it');
    await versionSaveJob.perform(
      {
        orgId: tenant.orgId,
        documentId: document.id,
        label: 'Kick-off',
        trigger: 'manual',
        createdBy: tenant.userId,
        planRunId: null,
      },
      deps,
    );
    const [version] = await listVersions(t.db, tenant.orgId, document.id);
    expect(version).toMatchObject({ number: 1, label: 'Kick-off', trigger: 'manual' });
  });

  it('restores an old version live and records a restore version', async () => {
    const { tenant, document, bus, docName, write, deps } = await setup();
    const save = (label: string) =>
      versionSaveJob.perform(
        {
          orgId: tenant.orgId,
          documentId: document.id,
          label,
          trigger: 'manual',
          createdBy: tenant.userId,
          planRunId: null,
        },
        deps,
      );
    await write('## Goals\n\n- Fast checkout\n- Guest accounts');
    await save('first');
    const [first] = await listVersions(t.db, tenant.orgId, document.id);
    if (!first) throw new Error('no version');
    await write('## Goals\n\nEverything changed');
    await save('second');
    const published = bus.published.length;
    await versionRestoreJob.perform(
      {
        orgId: tenant.orgId,
        versionId: first.id,
        requestedBy: tenant.userId,
      },
      {
        ...deps,
        providers: () => {
          throw new Error('not used');
        },
        streamThrottleMs: 0,
        cancelPollMs: 0,
      },
    );
    expect(readMarkdown(await loadDoc(t.db, tenant.orgId, docName))).toBe(
      '## Goals\n\n- Fast checkout\n- Guest accounts',
    );
    expect(bus.published.length).toBe(published + 1);
    const versions = await listVersions(t.db, tenant.orgId, document.id);
    expect(versions.map((v) => [v.number, v.trigger, v.label])).toEqual([
      [3, 'restore', 'Restored version 1'],
      [2, 'manual', 'second'],
      [1, 'manual', 'first'],
    ]);
  });

  it('saves automatic versions of idle documents once, and AI-accept versions on request', async () => {
    const { tenant, document, write, deps } = await setup();
    await write('## Scope\n\nDraft');
    await expect(saveAutoVersions(deps, { idleSeconds: 300 })).resolves.toMatchObject({ saved: 0 });
    await expect(saveAutoVersions(deps, { idleSeconds: 0 })).resolves.toMatchObject({ saved: 1 });
    await expect(saveAutoVersions(deps, { idleSeconds: 0 })).resolves.toMatchObject({ saved: 0 });
    await versionSaveJob.perform(
      {
        orgId: tenant.orgId,
        documentId: document.id,
        label: null,
        trigger: 'ai_accept',
        createdBy: tenant.userId,
        planRunId: null,
      },
      deps,
    );
    const versions = await listVersions(t.db, tenant.orgId, document.id);
    expect(versions.map((v) => v.trigger)).toEqual(['ai_accept', 'auto']);
  });
});
