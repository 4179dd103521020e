import { appendDocUpdates } from '@specboard/db/doc-log';
import { createVersion, getVersion } from '@specboard/db/versions';
import { docFromVersionState } from '@specboard/doc/version-state';
import { versionRestoreQueue } from '@specboard/jobs';
import { restoreStoredVersion, versionContentOf } from '@specboard/stored-doc';
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { db } from '../db.server.ts';
import { closeJobQueue, jobQueue } from '../runs/job-queue.server.ts';
import { appRequest, outcome, type TestUser } from '../testing/app-fixture.ts';
import { orgWithMembers, projectWithDocument, setUpTestApp } from '../testing/org-fixture.ts';
import { historyAction, historyLoader } from './history.server.ts';
import { diffLoader, versionLoader, versionMarkdown } from './version.server.ts';

setUpTestApp({ cleanUp: closeJobQueue });

let orgId: string;
let owner: TestUser;
let viewer: TestUser;
let outsider: TestUser;

beforeAll(async () => {
  ({
    orgId,
    users: { owner, viewer },
  } = await orgWithMembers({ roles: ['viewer'] }));
  outsider = (await orgWithMembers({ roles: [] })).users.owner;
});

function paragraph(text: string): Y.XmlElement {
  const element = new Y.XmlElement('paragraph');
  const content = new Y.XmlText();
  content.insert(0, text);
  element.insert(0, [content]);
  return element;
}

/** Writes the text as a browser would: an update appended to the document's log. */
async function typeInto(documentId: string, live: Y.Doc, text: string) {
  const before = Y.encodeStateVector(live);
  const fragment = live.getXmlFragment('default');
  live.transact(() => {
    if (fragment.length > 0) fragment.delete(0, fragment.length);
    fragment.insert(0, [paragraph(text)]);
  });
  await appendDocUpdates(db(), orgId, [
    { docName: `doc:${documentId}`, update: Y.encodeStateAsUpdate(live, before), origin: 'test' },
  ]);
}

async function newDocument() {
  const { document } = await projectWithDocument({
    orgId,
    createdBy: owner.id,
    title: 'Launch PRD',
  });
  return document;
}

const restore = (documentId: string, user: TestUser, versionId: string) =>
  outcome(() =>
    historyAction(
      appRequest(`/orgs/${orgId}/documents/${documentId}/history`, {
        user,
        form: { intent: 'restore', versionId },
      }),
      orgId,
      documentId,
    ),
  );

const save = (documentId: string, user: TestUser, label: string) =>
  outcome(() =>
    historyAction(
      appRequest(`/orgs/${orgId}/documents/${documentId}/history`, {
        user,
        form: { intent: 'save', label },
      }),
      orgId,
      documentId,
    ),
  );

describe('version history', () => {
  it('saves named versions of the stored document, lists, searches, diffs and exports them', async () => {
    const document = await newDocument();
    const live = new Y.Doc();
    await typeInto(document.id, live, 'Checkout for returning customers');
    expect((await save(document.id, owner, 'First draft')).status).toBe(200);
    await typeInto(document.id, live, 'Checkout for new customers');
    expect((await save(document.id, owner, '')).status).toBe(200);

    const path = `/orgs/${orgId}/documents/${document.id}/history?q=returning`;
    const history = await historyLoader(appRequest(path, { user: owner }), orgId, document.id);
    expect(history.versions.map((v) => [v.number, v.label, v.trigger, v.author])).toEqual([
      [2, null, 'manual', 'owner person'],
      [1, 'First draft', 'manual', 'owner person'],
    ]);
    expect(history.hits.map((h) => h.number)).toEqual([1]);
    // A NUL byte in the query is dropped, not sent to Postgres (which failed with a 500).
    const nul = `/orgs/${orgId}/documents/${document.id}/history?q=retur%00ning`;
    const withNul = await historyLoader(appRequest(nul, { user: owner }), orgId, document.id);
    expect(withNul.hits.map((h) => h.number)).toEqual([1]);
    const [second, first] = history.versions;
    if (!first || !second) throw new Error('versions missing');

    const view = await versionLoader(
      appRequest(`/x`, { user: viewer }),
      orgId,
      document.id,
      first.id,
    );
    expect(view.blocks).toEqual([
      { kind: 'paragraph', level: 0, text: 'Checkout for returning customers' },
    ]);

    const diff = await diffLoader(
      appRequest(`/x?from=${second.id}&to=${first.id}`, { user: viewer }),
      orgId,
      document.id,
    );
    expect(diff.from.number).toBe(1);
    expect(diff.diff.blocks[0]?.segments).toEqual([
      { kind: 'same', text: 'Checkout for ' },
      { kind: 'removed', text: 'returning' },
      { kind: 'added', text: 'new' },
      { kind: 'same', text: ' customers' },
    ]);

    const markdown = await versionMarkdown(
      appRequest('/x', { user: viewer }),
      orgId,
      document.id,
      first.id,
    );
    expect(await markdown.text()).toBe('Checkout for returning customers');
  });

  it('restores on the server from the stored version: the browser posts only its id', async () => {
    const document = await newDocument();
    const live = new Y.Doc();
    await typeInto(document.id, live, 'Original plan');
    await save(document.id, owner, 'v1');
    await typeInto(document.id, live, 'Rewritten plan');
    const listed = await historyLoader(appRequest('/x', { user: owner }), orgId, document.id);
    const original = listed.versions[0];
    if (!original) throw new Error('no version');
    const answer = await restore(document.id, owner, original.id);
    expect(answer).toMatchObject({ status: 200, body: { restoring: { number: 1, after: 1 } } });

    const { boss } = await jobQueue();
    const jobs = await boss.fetch(versionRestoreQueue.name, { batchSize: 10 });
    expect(jobs.map((job) => job.data)).toEqual([
      { orgId, versionId: original.id, requestedBy: owner.id },
    ]);
    // What the worker's version-restore job does with that payload.
    const stored = await getVersion(db(), orgId, original.id);
    if (!stored) throw new Error('version missing');
    const made = await restoreStoredVersion(
      { db: db(), bus: null },
      { orgId, version: stored, requestedBy: owner.id, origin: 'test:restore' },
    );
    if (!made) throw new Error('restore not recorded');
    expect(made).toMatchObject({ number: 2, trigger: 'restore', label: 'Restored version 1' });
    expect(made.content_md).toBe(stored.content_md);
    expect(JSON.stringify(made.content_json)).toBe(JSON.stringify(stored.content_json));
    const decoded = docFromVersionState(made.y_state);
    expect(versionContentOf(decoded).contentMd).toBe('Original plan');
    decoded.destroy();
  });

  it('lets only editors restore, and only versions of this document', async () => {
    const document = await newDocument();
    await save(document.id, owner, 'v1');
    const listed = await historyLoader(appRequest('/x', { user: owner }), orgId, document.id);
    const version = listed.versions[0];
    if (!version) throw new Error('no version');
    expect((await restore(document.id, viewer, version.id)).status).toBe(403);

    const other = await orgWithMembers({ roles: [] });
    const { document: foreign } = await projectWithDocument({
      orgId: other.orgId,
      createdBy: other.users.owner.id,
      title: 'Elsewhere',
    });
    const foreignVersion = await createVersion(db(), {
      orgId: other.orgId,
      documentId: foreign.id,
      label: null,
      trigger: 'manual',
      yState: new Uint8Array([0, 0]),
      contentJson: { type: 'doc' },
      contentMd: 'secret',
      createdBy: other.users.owner.id,
    });
    if (!foreignVersion) throw new Error('version not created');
    expect((await restore(document.id, owner, foreignVersion.id)).status).toBe(404);
    const { boss } = await jobQueue();
    expect(await boss.fetch(versionRestoreQueue.name, { batchSize: 10 })).toEqual([]);
  });

  it('refuses viewers, outsiders and cross-origin posts', async () => {
    const document = await newDocument();
    expect((await save(document.id, viewer, 'nope')).status).toBe(403);
    expect((await save(document.id, outsider, 'nope')).status).toBe(404);
    const crossOrigin = await outcome(() =>
      historyAction(
        appRequest('/x', { user: owner, form: { intent: 'save' }, origin: 'https://evil.test' }),
        orgId,
        document.id,
      ),
    );
    expect(crossOrigin.status).toBe(403);
    const outsiderView = await outcome(() =>
      historyLoader(appRequest('/x', { user: outsider }), orgId, document.id),
    );
    expect(outsiderView.status).toBe(404);
  });
});
