import type { Document, DocumentType, OrgRole, Project } from '@specboard/db';
import { createDocument } from '@specboard/db/documents';
import { createProject } from '@specboard/db/projects';
import type { TestDatabase } from '@specboard/db/testing';
import { afterAll, beforeAll } from 'vitest';
import { db } from '../db.server.ts';
import {
  createOrgWithRoles,
  signUpUser,
  startTestApp,
  type TestAppOptions,
  type TestUser,
} from './app-fixture.ts';

export const allRoles = [
  'owner',
  'admin',
  'editor',
  'commenter',
  'viewer',
] as const satisfies readonly OrgRole[];

/**
 * This test file's app: its own migrated database, started before the file's first test. After
 * the last test `cleanUp` runs (queues or clients the tests opened), then the database is
 * dropped. Call it at the top of the file: the file's own `beforeAll` hooks then run after it
 * and may use the app.
 */
export function setUpTestApp(
  options: TestAppOptions & { cleanUp?: () => Promise<void> } = {},
): void {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await startTestApp(options);
  });
  afterAll(async () => {
    try {
      await options.cleanUp?.();
    } finally {
      await database?.drop();
    }
  });
}

export interface TestOrg<R extends OrgRole> {
  orgId: string;
  /** One new, signed-in user per role, named "<role> person". */
  users: Record<R | 'owner', TestUser>;
}

/**
 * A new organisation created by a new owner, with one new member per other role in `roles`.
 * `roles: []` gives an owner alone: an outsider to every other organisation of the test.
 * Everything it creates lives in the file's database, which `setUpTestApp` drops.
 */
export async function orgWithMembers<const R extends OrgRole>({
  roles,
}: {
  roles: readonly R[];
}): Promise<TestOrg<R>> {
  const owner = await signUpUser('owner person');
  const others: Partial<Record<OrgRole, TestUser>> = {};
  for (const role of roles) {
    if (role !== 'owner') others[role] = await signUpUser(`${role} person`);
  }
  const orgId = await createOrgWithRoles(owner, others);
  // Every role in `roles` got a user just above; the type cannot follow the loop.
  const users = { ...others, owner } as Record<R | 'owner', TestUser>;
  return { orgId, users };
}

/**
 * A new project of the organisation with one document in it, both created by `createdBy`.
 * Each call makes its own project, so tests that share an organisation do not share documents.
 */
export async function projectWithDocument({
  orgId,
  createdBy,
  type = 'prd',
  title = 'PRD',
  projectName = 'Launch',
  idea,
}: {
  orgId: string;
  createdBy: string;
  type?: DocumentType;
  title?: string;
  projectName?: string;
  idea?: string;
}): Promise<{ project: Project; document: Document }> {
  const project = await createProject(db(), { orgId, name: projectName, idea, createdBy });
  const document = await createDocument(db(), {
    orgId,
    projectId: project.id,
    type,
    title,
    createdBy,
  });
  if (!document) throw new Error(`document not created in project ${project.id}`);
  return { project, document };
}
