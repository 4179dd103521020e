import { createDocument } from '@specboard/db/documents';
import { createProject } from '@specboard/db/projects';
import { listRevocations, type Revocation } from '@specboard/db/revocations';
import type { TestDatabase } from '@specboard/db/testing';
import { formatDocName } from '@specboard/doc/doc-names';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auth } from '../auth/auth.server.ts';
import { db } from '../db.server.ts';
import { documentAction } from '../documents/document.server.ts';
import { projectAction } from '../projects/project.server.ts';
import {
  appRequest,
  createOrgWithRoles,
  outcome,
  signUpUser,
  startTestApp,
  type TestUser,
} from '../testing/app-fixture.ts';
import { membersAction } from './members.server.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await startTestApp();
});
afterAll(async () => {
  await database.drop();
});

const headersOf = (user: TestUser) => new Headers({ cookie: user.cookie });

async function revocationOf(
  userId: string | null,
  scope: Revocation['scope'],
  scopeId: string,
): Promise<Revocation | undefined> {
  return (await listRevocations(db())).find(
    (r) => r.userId === userId && r.scope === scope && r.scopeId === scopeId,
  );
}

async function orgWithEditor() {
  const owner = await signUpUser('Owner');
  const editor = await signUpUser('Editor');
  const orgId = await createOrgWithRoles(owner, { editor });
  const { members } = await auth().api.listMembers({
    query: { organizationId: orgId },
    headers: headersOf(owner),
  });
  const memberId = members.find((m) => m.userId === editor.id)?.id ?? '';
  return { owner, editor, orgId, memberId };
}

describe('better-auth organization endpoints revoke sync access', () => {
  it('removing a member records a revocation of their tokens for the organisation', async () => {
    const { owner, editor, orgId, memberId } = await orgWithEditor();
    expect(await revocationOf(editor.id, 'organization', orgId)).toBeUndefined();
    const before = Date.now();
    await auth().api.removeMember({
      body: { memberIdOrEmail: memberId, organizationId: orgId },
      headers: headersOf(owner),
    });
    const revocation = await revocationOf(editor.id, 'organization', orgId);
    expect(revocation?.revokedAtMs).toBeGreaterThanOrEqual(before - 1_000);
  });

  it('changing a role records one, and a second change moves it forward', async () => {
    const { owner, editor, orgId, memberId } = await orgWithEditor();
    const change = (role: 'viewer' | 'editor') =>
      auth().api.updateMemberRole({
        body: { memberId, role, organizationId: orgId },
        headers: headersOf(owner),
      });
    await change('viewer');
    const first = await revocationOf(editor.id, 'organization', orgId);
    await change('editor');
    const second = await revocationOf(editor.id, 'organization', orgId);
    expect(first).toBeDefined();
    expect(second?.revokedAtMs).toBeGreaterThan(first?.revokedAtMs ?? Number.POSITIVE_INFINITY);
  });

  it('leaving records one; a refused leave (the only owner) records none', async () => {
    const { owner, editor, orgId } = await orgWithEditor();
    await auth().api.leaveOrganization({
      body: { organizationId: orgId },
      headers: headersOf(editor),
    });
    expect(await revocationOf(editor.id, 'organization', orgId)).toBeDefined();
    await expect(
      auth().api.leaveOrganization({ body: { organizationId: orgId }, headers: headersOf(owner) }),
    ).rejects.toThrow();
    expect(await revocationOf(owner.id, 'organization', orgId)).toBeUndefined();
  });

  it('deleting the organisation revokes everyone’s tokens for it', async () => {
    const { owner, orgId } = await orgWithEditor();
    await auth().api.deleteOrganization({
      body: { organizationId: orgId },
      headers: headersOf(owner),
    });
    expect(await revocationOf(null, 'organization', orgId)).toBeDefined();
  });

  it('the members form goes through the same hooks', async () => {
    const { owner, editor, orgId, memberId } = await orgWithEditor();
    const result = await outcome(() =>
      membersAction(
        appRequest(`/orgs/${orgId}/members`, {
          user: owner,
          form: { intent: 'remove', memberId },
        }),
        orgId,
      ),
    );
    expect(result.status).toBe(200);
    expect(await revocationOf(editor.id, 'organization', orgId)).toBeDefined();
  });
});

describe('deleting and archiving revoke everyone’s tokens', () => {
  it('a deleted document, then an archived project', async () => {
    const owner = await signUpUser('Owner');
    const orgId = await createOrgWithRoles(owner, {});
    const project = await createProject(db(), { orgId, name: 'Apollo', createdBy: owner.id });
    const document = await createDocument(db(), {
      orgId,
      projectId: project.id,
      type: 'notes',
      title: 'Notes',
      createdBy: owner.id,
    });
    if (!document) throw new Error('document not created');
    const deleted = await outcome(() =>
      documentAction(
        appRequest(`/orgs/${orgId}/documents/${document.id}`, {
          user: owner,
          form: { intent: 'delete' },
        }),
        orgId,
        document.id,
      ),
    );
    expect(deleted.status).toBe(302);
    expect(await revocationOf(null, 'document', formatDocName('doc', document.id))).toBeDefined();

    const archived = await outcome(() =>
      projectAction(
        appRequest(`/orgs/${orgId}/projects/${project.id}`, {
          user: owner,
          form: { intent: 'archive' },
        }),
        orgId,
        project.id,
      ),
    );
    expect(archived.status).toBe(302);
    expect(await revocationOf(null, 'project', project.id)).toBeDefined();
  });
});
