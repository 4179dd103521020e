import { appendDocUpdates } from '@specboard/db/doc-log';
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { db } from '../db.server.ts';
import { appRequest, outcome, type TestUser } from '../testing/app-fixture.ts';
import { orgWithMembers, projectWithDocument, setUpTestApp } from '../testing/org-fixture.ts';
import { historyAction, historyLoader } from './history.server.ts';
import { toBase64 } from './restore.ts';
import { diffLoader, versionLoader, versionMarkdown } from './version.server.ts';

setUpTestApp();

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
  await appendDocUpdates(db(), [
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

  it('records a restore with the restored content', async () => {
    const document = await newDocument();
    const live = new Y.Doc();
    await typeInto(document.id, live, 'Original');
    await save(document.id, owner, 'v1');
    await typeInto(document.id, live, 'Rewritten');
    const listed = await historyLoader(appRequest('/x', { user: owner }), orgId, document.id);
    const original = listed.versions[0];
    if (!original) throw new Error('no version');
    const result = await outcome(() =>
      historyAction(
        appRequest('/x', {
          user: owner,
          form: {
            intent: 'record-restore',
            versionId: original.id,
            yState: toBase64(Y.encodeStateAsUpdateV2(live)),
          },
        }),
        orgId,
        document.id,
      ),
    );
    expect(result.status).toBe(200);
    const after = await historyLoader(appRequest('/x', { user: owner }), orgId, document.id);
    expect(after.versions[0]).toMatchObject({
      number: 2,
      trigger: 'restore',
      label: 'Restored version 1',
    });
    const bad = await outcome(() =>
      historyAction(
        appRequest('/x', {
          user: owner,
          form: {
            intent: 'record-restore',
            versionId: original.id,
            yState: toBase64(new Uint8Array([9, 9, 9])),
          },
        }),
        orgId,
        document.id,
      ),
    );
    expect(bad.status).toBe(400);
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
