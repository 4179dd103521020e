import { loadDocState } from '@specboard/db/doc-log';
import { createProject } from '@specboard/db/projects';
import { upsertTemplate } from '@specboard/db/templates';
import { getLatestVersion } from '@specboard/db/versions';
import { docToMarkdown } from '@specboard/doc/content';
import { formatDocName } from '@specboard/doc/doc-names';
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { db } from '../db.server.ts';
import { projectAction } from '../projects/project.server.ts';
import { appRequest, outcome, type TestUser } from '../testing/app-fixture.ts';
import { orgWithMembers, setUpTestApp } from '../testing/org-fixture.ts';
import { maxTemplateSections, templatesFor } from './templates.server.ts';

setUpTestApp();

let owner: TestUser;
let orgId: string;

beforeAll(async () => {
  ({
    orgId,
    users: { owner },
  } = await orgWithMembers({ roles: [] }));
});

async function createFromTemplate(form: Record<string, string>) {
  const project = await createProject(db(), { orgId, name: 'Checkout', createdBy: owner.id });
  const path = `/orgs/${orgId}/projects/${project.id}`;
  return outcome(() =>
    projectAction(
      appRequest(path, { user: owner, form: { intent: 'create-document', ...form } }),
      orgId,
      project.id,
    ),
  );
}

describe('creating a document from a template', () => {
  it('writes the template into the Yjs log and version 1 with the editor schema', async () => {
    const prdTemplate = (await templatesFor(orgId)).find((t) => t.kind === 'prd');
    if (!prdTemplate) throw new Error('no built-in PRD template');
    const result = await createFromTemplate({
      type: 'prd',
      title: 'Checkout PRD',
      templateId: prdTemplate.id,
    });
    expect(result.status).toBe(302);
    const documentId = result.location?.split('/').pop() ?? '';

    const stored = await loadDocState(db(), orgId, formatDocName('doc', documentId));
    const doc = new Y.Doc();
    for (const row of stored.updates) Y.applyUpdate(doc, row.update);
    const markdown = docToMarkdown(doc);
    expect(markdown).toMatch(/^# Checkout PRD\n/);
    expect(markdown).toContain('\n## ');

    const version = await getLatestVersion(db(), orgId, documentId);
    expect(version?.number).toBe(1);
    expect(version?.content_md).toContain('# Checkout PRD');
    const fromVersion = new Y.Doc();
    Y.applyUpdateV2(fromVersion, version?.y_state ?? new Uint8Array());
    expect(docToMarkdown(fromVersion)).toBe(markdown);
  });

  it('refuses a template of another kind with a field message', async () => {
    const techTemplate = (await templatesFor(orgId)).find((t) => t.kind === 'tech');
    const result = await createFromTemplate({
      type: 'prd',
      title: 'Wrong template',
      templateId: techTemplate?.id ?? '',
    });
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({ fieldErrors: { templateId: [expect.any(String)] } });
  });

  it('starts with the title alone from a stored template past the section limit', async () => {
    // Saved before the limit existed: 5,000 sections would hold the web process for seconds.
    const sections = Array.from({ length: 5_000 }, (_, i) => ({
      heading: `Section ${i}`,
      guidance: 'g',
      required: true,
    }));
    expect(sections.length).toBeGreaterThan(maxTemplateSections);
    const template = await upsertTemplate(db(), {
      orgId,
      kind: 'notes',
      name: 'Huge notes',
      structure: { sections },
    });
    const result = await createFromTemplate({
      type: 'notes',
      title: 'Huge',
      templateId: template.id,
    });
    expect(result.status).toBe(302);
    const documentId = result.location?.split('/').pop() ?? '';
    const version = await getLatestVersion(db(), orgId, documentId);
    expect(version?.content_md).toBe('# Huge\n');
  });
});
