import { saveAiSettings, unlimitedAiSettings } from '@specboard/db/ai-settings';
import { activeRunCount } from '@specboard/db/ai-usage';
import { getPlanRun } from '@specboard/db/plan-runs';
import { createProject } from '@specboard/db/projects';
import { upsertTemplate } from '@specboard/db/templates';
import { prdTemplate } from '@specboard/pipeline/templates';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../db.server.ts';
import { createDocumentFromTemplate } from '../documents/create-document.server.ts';
import { closeJobQueue } from '../runs/job-queue.server.ts';
import { appRequest, outcome, type TestUser } from '../testing/app-fixture.ts';
import { orgWithMembers, projectWithDocument, setUpTestApp } from '../testing/org-fixture.ts';
import { suggestionsAction } from './suggestions.server.ts';

setUpTestApp({ cleanUp: closeJobQueue });

let orgId: string;
let owner: TestUser;
let editor: TestUser;
let viewer: TestUser;

beforeAll(async () => {
  ({
    orgId,
    users: { owner, editor, viewer },
  } = await orgWithMembers({ roles: ['editor', 'viewer'] }));
});

const sections = [
  { heading: 'Problem', guidance: 'Who hurts and how', required: true },
  { heading: 'Rollout', guidance: 'Phases and flags', required: true },
  { heading: 'Open questions', guidance: 'What we do not know', required: false },
];

async function documentFromOwnTemplate() {
  const template = await upsertTemplate(db(), {
    orgId,
    kind: 'notes',
    name: 'Launch notes',
    structure: { sections },
  });
  const project = await createProject(db(), { orgId, name: 'Launch', createdBy: owner.id });
  const created = await createDocumentFromTemplate({
    orgId,
    projectId: project.id,
    type: 'notes',
    title: 'Launch notes',
    templateId: template.id,
    userId: owner.id,
  });
  if (!created.ok) throw new Error('document not created');
  return created.id;
}

const askReview = (user: TestUser, documentId: string) =>
  outcome(() =>
    suggestionsAction(
      appRequest(`/orgs/${orgId}/documents/${documentId}/suggestions`, {
        user,
        form: { intent: 'review' },
      }),
      orgId,
      documentId,
    ),
  );

describe('Review completeness from the document', () => {
  it('starts a review run against the template the document was created from', async () => {
    const documentId = await documentFromOwnTemplate();
    const response = await suggestionsAction(
      appRequest(`/orgs/${orgId}/documents/${documentId}/suggestions`, {
        user: editor,
        form: { intent: 'review' },
      }),
      orgId,
      documentId,
    );
    expect(response.status).toBe(200);
    const { runId } = (await response.json()) as { runId: string };
    const run = await getPlanRun(db(), orgId, runId);
    expect(run?.run.input_snapshot).toEqual({
      kind: 'review',
      documentId,
      requestedBy: editor.id,
      sections,
    });
    expect(run?.steps.map((step) => step.step)).toEqual(['review']);
    expect((await askReview(viewer, documentId)).status).toBe(403);
  });

  it('checks a document created without a template against the built-in one of its type', async () => {
    const { document } = await projectWithDocument({ orgId, createdBy: owner.id, type: 'prd' });
    const response = await suggestionsAction(
      appRequest(`/orgs/${orgId}/documents/${document.id}/suggestions`, {
        user: editor,
        form: { intent: 'review' },
      }),
      orgId,
      document.id,
    );
    const { runId } = (await response.json()) as { runId: string };
    const run = await getPlanRun(db(), orgId, runId);
    expect(run?.run.input_snapshot).toMatchObject({ sections: prdTemplate.sections });
  });

  it('is refused with the numbers when the organisation is at its concurrency limit', async () => {
    const documentId = await documentFromOwnTemplate();
    // The reviews started above are still queued: they fill the limit.
    const active = await activeRunCount(db(), orgId);
    await saveAiSettings(db(), orgId, { ...unlimitedAiSettings, maxConcurrentRuns: active }, null);
    const response = await suggestionsAction(
      appRequest(`/orgs/${orgId}/documents/${documentId}/suggestions`, {
        user: editor,
        form: { intent: 'review' },
      }),
      orgId,
      documentId,
    );
    expect(response.status).toBe(429);
    expect(await response.json()).toEqual({
      ok: false,
      message: `Refused: concurrency limit reached (${active} of ${active} runs already queued or running).`,
    });
  });
});
