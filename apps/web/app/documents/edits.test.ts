import type { OrgRole } from '@specboard/db';
import { listActivity } from '@specboard/db/activity';
import { deletePresence, upsertPresence } from '@specboard/db/presence';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../db.server.ts';
import { projectLoader } from '../projects/project.server.ts';
import { appRequest, outcome, type TestUser } from '../testing/app-fixture.ts';
import {
  allRoles,
  orgWithMembers,
  projectWithDocument,
  setUpTestApp,
} from '../testing/org-fixture.ts';
import { recordDocumentEdit } from './edits.server.ts';
import { docNameFor } from './sync-token.server.ts';

setUpTestApp();

let orgId: string;
let outsider: TestUser;
let outsiderOrgId: string;
let users: Record<OrgRole, TestUser>;
const writers: OrgRole[] = ['owner', 'admin', 'editor'];

beforeAll(async () => {
  ({ orgId, users } = await orgWithMembers({ roles: allRoles }));
  const other = await orgWithMembers({ roles: [] });
  outsiderOrgId = other.orgId;
  outsider = other.users.owner;
});

async function newDocument() {
  const { document } = await projectWithDocument({
    orgId,
    createdBy: users.owner.id,
    type: 'notes',
    title: 'Notes',
    projectName: 'Inbox',
  });
  return document;
}

function report(user: TestUser, documentId: string, origin?: string) {
  const path = `/orgs/${orgId}/documents/${documentId}/edits`;
  return outcome(() =>
    recordDocumentEdit(appRequest(path, { user, form: {}, origin }), orgId, documentId),
  );
}

async function edits(documentId: string) {
  const entries = await listActivity(db(), orgId, {
    resourceType: 'document',
    resourceId: documentId,
  });
  return entries.filter((a) => a.action === 'edited');
}

describe('reporting an edit', () => {
  it.each(allRoles)('%s: recorded only for roles that may edit', async (role) => {
    const document = await newDocument();
    const result = await report(users[role], document.id);
    expect(result.status).toBe(writers.includes(role) ? 204 : 403);
    expect(await edits(document.id)).toHaveLength(writers.includes(role) ? 1 : 0);
  });

  it('is 404 for someone outside the organisation, even via their own, and 403 from another site', async () => {
    const document = await newDocument();
    expect((await report(outsider, document.id)).status).toBe(404);
    // Through the outsider's own organisation: the document id does not belong to it.
    const path = `/orgs/${outsiderOrgId}/documents/${document.id}/edits`;
    const viaOwnOrg = await outcome(() =>
      recordDocumentEdit(
        appRequest(path, { user: outsider, form: {} }),
        outsiderOrgId,
        document.id,
      ),
    );
    expect(viaOwnOrg.status).toBe(404);
    expect((await report(users.owner, document.id, 'https://evil.example')).status).toBe(403);
    expect(await edits(document.id)).toHaveLength(0);
  });

  it('coalesces repeated reports of one person, but not of two', async () => {
    const document = await newDocument();
    await report(users.editor, document.id);
    await report(users.editor, document.id);
    await report(users.owner, document.id);
    const recorded = await edits(document.id);
    expect(recorded.map((a) => a.actor_name)).toEqual(['owner person', 'editor person']);
  });
});

describe('the document list', () => {
  it('shows who edited last and who has the document open now', async () => {
    const document = await newDocument();
    await report(users.editor, document.id);
    await upsertPresence(db(), {
      orgId,
      connectionId: 'connection-1',
      docName: docNameFor(document.id),
      userId: users.admin.id,
      instanceId: 'test',
      state: { name: 'admin person', user: { color: '#30a46c' } },
    });
    try {
      const loaded = await projectLoader(
        appRequest(`/orgs/${orgId}/projects/${document.project_id}`, { user: users.viewer }),
        orgId,
        document.project_id,
      );
      expect(loaded.documents[0]).toMatchObject({
        lastEdit: { name: 'editor person' },
        hereNow: [{ id: users.admin.id, name: 'admin person', color: '#30a46c' }],
      });
    } finally {
      await deletePresence(db(), orgId, 'connection-1');
    }
  });
});
