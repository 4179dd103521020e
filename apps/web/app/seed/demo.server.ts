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
import { seedBoard } from './demo-board.server.ts';
import { seedFinishedRun } from './demo-run.server.ts';
import { seedSuggestion } from './demo-suggestion.server.ts';
import { seedThread } from './demo-thread.server.ts';
import { seedPrdVersions } from './demo-versions.server.ts';
import { samplePrdMarkdown } from './sample-prd.ts';

export const demoAccounts = [
  { name: 'Dana Demo', email: 'demo@specboard.dev', password: 'specboard-demo', role: 'owner' },
  { name: 'Eli Editor', email: 'editor@specboard.dev', password: 'specboard-demo', role: 'editor' },
  {
    name: 'Cara Commenter',
    email: 'commenter@specboard.dev',
    password: 'specboard-demo',
    role: 'commenter',
  },
  { name: 'Val Viewer', email: 'viewer@specboard.dev', password: 'specboard-demo', role: 'viewer' },
] as const;

type DemoAccount = (typeof demoAccounts)[number];

async function signUpOrIn(account: DemoAccount): Promise<string> {
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

/** The demo account, verified (also when seeded before email existed): nobody reads its mail. */
async function ensureUser(account: DemoAccount): Promise<string> {
  const id = await signUpOrIn(account);
  await (await auth().$context).internalAdapter.updateUser(id, { emailVerified: true });
  return id;
}

/** The sample PRD of the demo project: created, with its first version, when it is missing. */
async function ensurePrd(orgId: string, projectId: string, ownerId: string): Promise<string> {
  const documents = await listDocuments(db(), orgId, projectId);
  const existing = documents.find((d) => d.type === 'prd');
  if (existing) return existing.id;
  const created = await createDocumentFromTemplate({
    orgId,
    projectId,
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
  return created.id;
}

/**
 * A demo organisation with an owner, an editor, a commenter and a viewer, one project with a
 * filled-in sample PRD in two versions, a finished plan run, a board whose cards came from the
 * first version (one of them drifted), an open AI suggestion and an open review thread. Safe to run on every start: existing
 * pieces are found and reused, and nothing is added twice.
 */
export async function seedDemo(): Promise<{ orgId: string; projectId: string; prdId: string }> {
  await ensureBuiltInTemplates();
  const [ownerAccount, editorAccount, commenterAccount, viewerAccount] = demoAccounts;
  const ownerId = await ensureUser(ownerAccount);
  const editorId = await ensureUser(editorAccount);
  const commenterId = await ensureUser(commenterAccount);
  const viewerId = await ensureUser(viewerAccount);
  const existing = (await listMemberships(db(), ownerId)).find((m) => m.orgSlug === 'demo-team');
  const orgId =
    existing?.orgId ??
    (await createOrganization(db(), { name: 'Demo Team', slug: 'demo-team', ownerId })).id;
  await addMember(db(), { orgId, userId: editorId, role: editorAccount.role });
  await addMember(db(), { orgId, userId: commenterId, role: commenterAccount.role });
  await addMember(db(), { orgId, userId: viewerId, role: viewerAccount.role });
  const project =
    (await listProjects(db(), orgId)).find((p) => p.name === 'Team inbox') ??
    (await createProject(db(), {
      orgId,
      name: 'Team inbox',
      idea: 'A shared inbox where a support team triages, assigns and answers customer email together.',
      constraints: { timeline: 'Beta in 8 weeks', budget: '3 engineers', stack: 'Postgres, React' },
      createdBy: ownerId,
    }));
  const prdId = await ensurePrd(orgId, project.id, ownerId);
  await seedFinishedRun(project, ownerId);
  const versions = await seedPrdVersions(orgId, prdId, editorId);
  await seedBoard(orgId, project.id, versions.firstId, {
    ownerId,
    ownerName: ownerAccount.name,
    editorId,
    editorName: editorAccount.name,
  });
  await seedSuggestion(orgId, prdId, editorId);
  await seedThread(orgId, prdId, commenterId);
  return { orgId, projectId: project.id, prdId };
}
