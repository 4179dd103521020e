import type { OrgRole } from '@specboard/db';
import { createDocument, getDocument } from '@specboard/db/documents';
import { createProject } from '@specboard/db/projects';
import type { TestDatabase } from '@specboard/db/testing';
import { verifySyncToken } from '@specboard/doc/sync-token';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../db.server.ts';
import {
  appRequest,
  createOrgWithRoles,
  outcome,
  signUpUser,
  startTestApp,
  type TestUser,
} from '../testing/app-fixture.ts';
import { documentAction, documentLoader } from './document.server.ts';
import { issueSyncToken } from './sync-token.server.ts';

let database: TestDatabase;
let orgId: string;
let otherOrgId: string;
let outsider: TestUser;
const users = {} as Record<OrgRole, TestUser>;
const roles: OrgRole[] = ['owner', 'admin', 'editor', 'commenter', 'viewer'];
const writers: OrgRole[] = ['owner', 'admin', 'editor'];

beforeAll(async () => {
  database = await startTestApp();
  for (const role of roles) users[role] = await signUpUser(`${role} person`);
  const { owner, ...others } = users;
  orgId = await createOrgWithRoles(owner, others);
  outsider = await signUpUser('Outsider');
  otherOrgId = await createOrgWithRoles(outsider, {});
});

afterAll(async () => {
  await database.drop();
});

async function newDocument(title = 'Kick-off notes') {
  const project = await createProject(db(), { orgId, name: 'Inbox', createdBy: users.owner.id });
  const document = await createDocument(db(), {
    orgId,
    projectId: project.id,
    type: 'notes',
    title,
    createdBy: users.owner.id,
  });
  if (!document) throw new Error('document not created');
  return document;
}

type Loaded = Awaited<ReturnType<typeof documentLoader>>;

describe('opening a document', () => {
  it.each(roles)(
    '%s: gets a sync token for this document with the role the sync server enforces',
    async (role) => {
      const document = await newDocument();
      const result = await outcome(() =>
        documentLoader(appRequest(`/d`, { user: users[role] }), orgId, document.id),
      );
      const body = result.body as Loaded;
      expect(body.readOnly).toBe(!writers.includes(role));
      const verified = await verifySyncToken(body.token.token, process.env.SYNC_TOKEN_SECRET ?? '');
      expect(verified).toMatchObject({
        ok: true,
        claims: {
          sub: users[role].id,
          doc: `doc:${document.id}`,
          org: orgId,
          role: role === 'admin' ? 'editor' : role,
        },
      });
    },
  );

  it('hides another organisation’s document behind 404, even through the outsider’s own org', async () => {
    const document = await newDocument('Secret');
    expect(
      (
        await outcome(() =>
          documentLoader(appRequest('/d', { user: outsider }), orgId, document.id),
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await outcome(() =>
          documentLoader(appRequest('/d', { user: outsider }), otherOrgId, document.id),
        )
      ).status,
    ).toBe(404);
    const token = await outcome(() =>
      issueSyncToken(appRequest('/t', { user: outsider, form: {} }), otherOrgId, document.id),
    );
    expect(token.status).toBe(404);
  });

  it('mints a fresh token on request for a member (token refresh)', async () => {
    const document = await newDocument();
    const response = await issueSyncToken(
      appRequest('/t', { user: users.viewer, form: {} }),
      orgId,
      document.id,
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { token: string; expiresAt: number };
    expect(body.expiresAt).toBeGreaterThan(Date.now() / 1000);
    expect(await verifySyncToken(body.token, process.env.SYNC_TOKEN_SECRET ?? '')).toMatchObject({
      ok: true,
      claims: { role: 'viewer' },
    });
  });
});

describe('managing a document', () => {
  it.each(roles)('%s: rename allowed only for writers', async (role) => {
    const document = await newDocument('Before');
    const result = await outcome(() =>
      documentAction(
        appRequest('/d', { user: users[role], form: { intent: 'rename', title: 'After' } }),
        orgId,
        document.id,
      ),
    );
    expect(result.status).toBe(writers.includes(role) ? 200 : 403);
    expect((await getDocument(db(), orgId, document.id))?.title).toBe(
      writers.includes(role) ? 'After' : 'Before',
    );
  });

  it.each(roles)('%s: delete allowed only for writers', async (role) => {
    const document = await newDocument();
    const result = await outcome(() =>
      documentAction(
        appRequest('/d', { user: users[role], form: { intent: 'delete' } }),
        orgId,
        document.id,
      ),
    );
    expect(result.status).toBe(writers.includes(role) ? 302 : 403);
    expect(await getDocument(db(), orgId, document.id)).toEqual(
      writers.includes(role) ? undefined : expect.anything(),
    );
  });

  it('answers 400 with a field message for an empty title', async () => {
    const document = await newDocument();
    const result = await outcome(() =>
      documentAction(
        appRequest('/d', { user: users.owner, form: { intent: 'rename', title: '  ' } }),
        orgId,
        document.id,
      ),
    );
    expect(result).toMatchObject({
      status: 400,
      body: { fieldErrors: { title: ['Give the document a title'] } },
    });
  });
});
