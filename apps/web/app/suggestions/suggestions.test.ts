import type { OrgRole } from '@specboard/db';
import { newId } from '@specboard/db';
import { appendDocUpdates } from '@specboard/db/doc-log';
import { getPlanRun } from '@specboard/db/plan-runs';
import { listSuggestions, recordSuggestion } from '@specboard/db/suggestions';
import { listVersions } from '@specboard/db/versions';
import { formatDocName } from '@specboard/doc/doc-names';
import { editorMarkdownCodec } from '@specboard/doc/suggestion-markdown';
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { db } from '../db.server.ts';
import { closeJobQueue } from '../runs/job-queue.server.ts';
import { appRequest, outcome, type TestUser } from '../testing/app-fixture.ts';
import {
  allRoles,
  orgWithMembers,
  projectWithDocument,
  setUpTestApp,
} from '../testing/org-fixture.ts';
import { suggestionsAction, suggestionsLoader } from './suggestions.server.ts';

setUpTestApp({ cleanUp: closeJobQueue });

let orgId: string;
let users: Record<OrgRole, TestUser>;
let outsider: TestUser;

beforeAll(async () => {
  ({ orgId, users } = await orgWithMembers({ roles: allRoles }));
  outsider = (await orgWithMembers({ roles: [] })).users.owner;
});

/** A PRD with text in the update log and one pending AI suggestion recorded for it. */
async function prdWithSuggestion() {
  const { document } = await projectWithDocument({
    orgId,
    createdBy: users.owner.id,
    projectName: 'Walkies',
    idea: 'Dog walking',
  });
  const doc = new Y.Doc();
  doc.getXmlFragment('default').insert(0, editorMarkdownCodec.toBlocks('# Goals\n\nBe fast.'));
  await appendDocUpdates(db(), orgId, [
    { docName: formatDocName('doc', document.id), update: Y.encodeStateAsUpdate(doc), origin: 't' },
  ]);
  const suggestionId = newId();
  await recordSuggestion(db(), {
    id: suggestionId,
    orgId,
    documentId: document.id,
    kind: 'replace',
    quote: 'Be fast.',
    contentMd: 'Pages load in under 1 s.',
    rationale: 'measurable',
    requestedBy: users.editor.id,
    provider: 'fake',
    model: 'gpt-test',
  });
  return { documentId: document.id, suggestionId };
}

function post(user: TestUser, documentId: string, form: Record<string, string>) {
  const request = appRequest(`/orgs/${orgId}/documents/${documentId}/suggestions`, { user, form });
  return outcome(() => suggestionsAction(request, orgId, documentId));
}

describe('deciding a suggestion', () => {
  it('is refused to viewers, commenters and other organisations', async () => {
    const { documentId, suggestionId } = await prdWithSuggestion();
    const accept = { intent: 'accept', suggestionId };
    expect((await post(users.viewer, documentId, accept)).status).toBe(403);
    expect((await post(users.commenter, documentId, accept)).status).toBe(403);
    expect((await post(outsider, documentId, accept)).status).toBe(404);
    expect((await listSuggestions(db(), orgId, documentId))[0]?.status).toBe('pending');
  });

  it('versions the document first, records the acceptor once, and validates the id', async () => {
    const { documentId, suggestionId } = await prdWithSuggestion();
    expect(
      (await post(users.editor, documentId, { intent: 'accept', suggestionId: 'x' })).status,
    ).toBe(400);
    expect(
      (await post(users.editor, documentId, { intent: 'accept', suggestionId: newId() })).status,
    ).toBe(404);
    expect((await post(users.editor, documentId, { intent: 'accept', suggestionId })).status).toBe(
      200,
    );
    expect((await post(users.admin, documentId, { intent: 'reject', suggestionId })).status).toBe(
      409,
    );
    const [record] = await listSuggestions(db(), orgId, documentId);
    expect(record).toMatchObject({ status: 'accepted', decided_by: users.editor.id });
    const versions = await listVersions(db(), orgId, documentId);
    expect(versions.map((v) => [v.trigger, v.created_by])).toEqual([
      ['ai_accept', users.editor.id],
    ]);
  });
});

describe('Ask AI', () => {
  it('needs an instruction, is for editors, and queues a suggest run for the selection', async () => {
    const { documentId } = await prdWithSuggestion();
    expect((await post(users.editor, documentId, { intent: 'ask', instruction: ' ' })).status).toBe(
      400,
    );
    expect(
      (await post(users.commenter, documentId, { intent: 'ask', instruction: 'Expand' })).status,
    ).toBe(403);
    const request = appRequest(`/orgs/${orgId}/documents/${documentId}/suggestions`, {
      user: users.editor,
      form: { intent: 'ask', instruction: 'Make it measurable', selection: 'Be fast.' },
    });
    const response = await suggestionsAction(request, orgId, documentId);
    const body = (await response.json()) as { ok: boolean; runId: string };
    expect(body.ok).toBe(true);
    const run = await getPlanRun(db(), orgId, body.runId);
    expect(run?.run.input_snapshot).toMatchObject({
      kind: 'suggest',
      documentId,
      requestedBy: users.editor.id,
      selection: 'Be fast.',
    });
  });

  it('tells members (viewers included) who is who, and nobody else', async () => {
    const { documentId } = await prdWithSuggestion();
    const get = (user: TestUser) =>
      suggestionsLoader(
        appRequest(`/orgs/${orgId}/documents/${documentId}/suggestions`, { user }),
        orgId,
        documentId,
      );
    const people = (await (await get(users.viewer)).json()) as { people: Record<string, string> };
    expect(people.people[users.editor.id]).toBe('editor person');
    expect((await outcome(() => get(outsider))).status).toBe(404);
  });
});
