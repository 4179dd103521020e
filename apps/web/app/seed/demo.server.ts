import { listDocuments } from '@specboard/db/documents';
import { addMember, createOrganization, listMemberships } from '@specboard/db/organizations';
import { createProject, listProjects } from '@specboard/db/projects';
import { APIError } from 'better-auth/api';
import { auth } from '../auth/auth.server.ts';
import { db } from '../db.server.ts';
import {
  createDocumentFromTemplate,
  writeInitialContent,
} from '../documents/create-document.server.ts';
import { ensureBuiltInTemplates } from '../documents/templates.server.ts';
import { samplePrdMarkdown } from './sample-prd.ts';

export const demoAccounts = [
  { name: 'Dana Demo', email: 'demo@specboard.dev', password: 'specboard-demo', role: 'owner' },
  { name: 'Val Viewer', email: 'viewer@specboard.dev', password: 'specboard-demo', role: 'viewer' },
] as const;

async function ensureUser(account: (typeof demoAccounts)[number]): Promise<string> {
  try {
    const { user } = await auth().api.signUpEmail({ body: account });
    return user.id;
  } catch (error) {
    if (!(error instanceof APIError))
      throw new Error('could not create a demo user', { cause: error });
    const { user } = await auth().api.signInEmail({
      body: { email: account.email, password: account.password },
    });
    return user.id;
  }
}

/**
 * A demo organisation with an owner, a viewer, one project and a filled-in sample PRD. Safe to run on every start: existing pieces are found and reused.
 */
export async function seedDemo(): Promise<{ orgId: string; projectId: string }> {
  await ensureBuiltInTemplates();
  const [ownerAccount, viewerAccount] = demoAccounts;
  const ownerId = await ensureUser(ownerAccount);
  const viewerId = await ensureUser(viewerAccount);
  const existing = (await listMemberships(db(), ownerId)).find((m) => m.orgSlug === 'demo-team');
  const orgId =
    existing?.orgId ??
    (await createOrganization(db(), { name: 'Demo Team', slug: 'demo-team', ownerId })).id;
  await addMember(db(), { orgId, userId: viewerId, role: 'viewer' });
  const project =
    (await listProjects(db(), orgId)).find((p) => p.name === 'Team inbox') ??
    (await createProject(db(), {
      orgId,
      name: 'Team inbox',
      idea: 'A shared inbox where a support team triages, assigns and answers customer email together.',
      constraints: { timeline: 'Beta in 8 weeks', budget: '3 engineers', stack: 'Postgres, React' },
      createdBy: ownerId,
    }));
  const documents = await listDocuments(db(), orgId, project.id);
  if (!documents.some((d) => d.type === 'prd')) {
    const created = await createDocumentFromTemplate({
      orgId,
      projectId: project.id,
      userId: ownerId,
      type: 'prd',
      title: 'Team inbox — PRD',
      templateId: undefined,
    });
    if (!created.ok)
      throw new Error(`could not seed the PRD: ${JSON.stringify(created.fieldErrors)}`);
    await writeInitialContent({
      orgId,
      documentId: created.id,
      userId: ownerId,
      markdown: samplePrdMarkdown,
      origin: 'web:seed',
      label: 'Sample PRD',
    });
  }
  return { orgId, projectId: project.id };
}
