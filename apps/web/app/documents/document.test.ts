import type { OrgRole } from '@specboard/db';
import { getDocument } from '@specboard/db/documents';
import { verifySyncToken } from '@specboard/doc/sync-token';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../db.server.ts';
import { appRequest, outcome, type TestUser } from '../testing/app-fixture.ts';
import {
  allRoles,
  orgWithMembers,
  projectWithDocument,
  setUpTestApp,
} from '../testing/org-fixture.ts';
import { documentAction, documentLoader } from './document.server.ts';
import { issueSyncToken } from './sync-token.server.ts';

setUpTestApp();

let orgId: string;
let otherOrgId: string;
let outsider: TestUser;
let users: Record<OrgRole, TestUser>;
const writers: OrgRole[] = ['owner', 'admin', 'editor'];

beforeAll(async () => {
  ({ orgId, users } = await orgWithMembers({ roles: allRoles }));
  const other = await orgWithMembers({ roles: [] });
  otherOrgId = other.orgId;
  outsider = other.users.owner;
});

async function newDocument(title = 'Kick-off notes') {
  const { document } = await projectWithDocument({
    orgId,
    createdBy: users.owner.id,
    type: 'notes',
    title,
    projectName: 'Inbox',
  });
  return document;
}

type Loaded = Awaited<ReturnType<typeof documentLoader>>;

describe('opening a document', () => {
  it.each(allRoles)(
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
  it.each(allRoles)('%s: rename allowed only for writers', async (role) => {
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

  it.each(allRoles)('%s: delete allowed only for writers', async (role) => {
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
