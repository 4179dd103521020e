import type { OrgRole } from '@specboard/db';
import { listTemplates } from '@specboard/db/templates';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../db.server.ts';
import { maxTemplateSections } from '../documents/templates.server.ts';
import { appRequest, outcome, type TestUser } from '../testing/app-fixture.ts';
import { allRoles, orgWithMembers, setUpTestApp } from '../testing/org-fixture.ts';
import { createTemplateAction, parseSections, templatesLoader } from './templates.server.ts';

setUpTestApp();

let orgId: string;
let otherOrgId: string;
let users: Record<OrgRole, TestUser>;

beforeAll(async () => {
  ({ orgId, users } = await orgWithMembers({ roles: allRoles }));
  ({ orgId: otherOrgId } = await orgWithMembers({ roles: [] }));
});

const form = {
  kind: 'prd',
  name: 'Experiment PRD',
  sections: 'Hypothesis: what we believe\nRisks: what could fail (optional)',
};

describe('templates', () => {
  it('offers the built-in PRD and tech-spec templates to every member', async () => {
    const result = await outcome(() =>
      templatesLoader(appRequest(`/orgs/${orgId}/templates`, { user: users.viewer }), orgId),
    );
    const body = result.body as Awaited<ReturnType<typeof templatesLoader>>;
    expect(
      body.templates
        .filter((t) => t.builtIn)
        .map((t) => t.kindLabel)
        .sort(),
    ).toEqual(['PRD', 'Tech spec']);
    expect(body.templates.find((t) => t.kindLabel === 'PRD')?.headings).toContain('Problem');
  });

  it.each(allRoles)('%s: may add a template only as owner or admin', async (role) => {
    const result = await outcome(() =>
      createTemplateAction(
        appRequest('/t', { user: users[role], form: { ...form, name: `By ${role}` } }),
        orgId,
      ),
    );
    expect(result.status).toBe(role === 'owner' || role === 'admin' ? 200 : 403);
  });

  it('answers 400 with field messages for a bad template', async () => {
    const result = await outcome(() =>
      createTemplateAction(
        appRequest('/t', { user: users.owner, form: { kind: 'poem', name: '', sections: '   ' } }),
        orgId,
      ),
    );
    expect(result.status).toBe(400);
    expect(result.body).toEqual({
      ok: false,
      fieldErrors: {
        kind: ['Pick a document type'],
        name: ['Use at least 2 characters'],
        sections: ['Add at least one section, one per line'],
      },
    });
  });

  it('refuses more sections than the limit, and overlong headings or guidance', async () => {
    const save = (sections: string) =>
      outcome(() =>
        createTemplateAction(
          appRequest('/t', { user: users.owner, form: { ...form, name: 'Big', sections } }),
          orgId,
        ),
      );
    const many = Array.from({ length: maxTemplateSections + 1 }, (_, i) => `S${i}: g`);
    expect(await save(many.join('\n'))).toMatchObject({
      status: 400,
      body: { fieldErrors: { sections: [`Keep it to ${maxTemplateSections} sections or fewer`] } },
    });
    expect(await save(many.slice(0, maxTemplateSections).join('\n'))).toMatchObject({
      status: 200,
    });
    expect(await save(`${'h'.repeat(121)}: g\nRisks: ${'g'.repeat(501)}`)).toMatchObject({
      status: 400,
      body: {
        fieldErrors: {
          sections: [
            'Keep each heading under 120 characters',
            'Keep the guidance of each section under 500 characters',
          ],
        },
      },
    });
  });

  it('keeps an organisation’s own templates to itself', async () => {
    await createTemplateAction(appRequest('/t', { user: users.owner, form }), orgId);
    const mine = await listTemplates(db(), orgId);
    const theirs = await listTemplates(db(), otherOrgId);
    expect(mine.map((t) => t.name)).toContain('Experiment PRD');
    expect(theirs.map((t) => t.name)).not.toContain('Experiment PRD');
  });

  it('reads one section per line, with optional ones marked', () => {
    expect(parseSections(form.sections)).toEqual([
      { heading: 'Hypothesis', guidance: 'what we believe', required: true },
      { heading: 'Risks', guidance: 'what could fail', required: false },
    ]);
  });
});
