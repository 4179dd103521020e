import { createVersion } from '@specboard/db/versions';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../db.server.ts';
import { appRequest, outcome, type TestUser } from '../testing/app-fixture.ts';
import { orgWithMembers, projectWithDocument, setUpTestApp } from '../testing/org-fixture.ts';
import { searchLoader, snippetParts } from './search.server.ts';

setUpTestApp();

let owner: TestUser;
let rival: TestUser;
let orgId: string;
let rivalOrgId: string;

async function documentWithText(org: string, user: TestUser, title: string, markdown: string) {
  const { document } = await projectWithDocument({
    orgId: org,
    createdBy: user.id,
    title,
    projectName: `${title} project`,
  });
  await createVersion(db(), {
    orgId: org,
    documentId: document.id,
    trigger: 'manual',
    yState: new Uint8Array([0, 0]),
    contentJson: {},
    contentMd: markdown,
    createdBy: user.id,
  });
  return document;
}

beforeAll(async () => {
  ({
    orgId,
    users: { owner },
  } = await orgWithMembers({ roles: [] }));
  ({
    orgId: rivalOrgId,
    users: { owner: rival },
  } = await orgWithMembers({ roles: [] }));
  await documentWithText(
    orgId,
    owner,
    'Checkout PRD',
    '## Problem\n\nShoppers abandon the checkout when shipping costs appear late.',
  );
  await documentWithText(
    rivalOrgId,
    rival,
    'Rival checkout',
    'Our checkout secret: shipping is free.',
  );
});

describe('search', () => {
  it('finds the organisation’s documents with the matches highlighted', async () => {
    const request = appRequest(`/orgs/${orgId}/search?q=shipping`, { user: owner });
    const result = await outcome(() => searchLoader(request, orgId));
    expect(result.status).toBe(200);
    const body = result.body as Awaited<ReturnType<typeof searchLoader>>;
    expect(body.hits.map((h) => h.title)).toEqual(['Checkout PRD']);
    expect(body.hits[0]?.parts.filter((p) => p.match).map((p) => p.text)).toContain('shipping');
  });

  it('never returns another organisation’s text', async () => {
    const request = appRequest(`/orgs/${orgId}/search?q=secret`, { user: owner });
    const body = (await outcome(() => searchLoader(request, orgId))).body as Awaited<
      ReturnType<typeof searchLoader>
    >;
    expect(body.hits).toEqual([]);
    const asOutsider = appRequest(`/orgs/${rivalOrgId}/search?q=secret`, { user: owner });
    expect((await outcome(() => searchLoader(asOutsider, rivalOrgId))).status).toBe(404);
  });

  it('searches past a NUL byte in the query instead of failing', async () => {
    const request = appRequest(`/orgs/${orgId}/search?q=ship%00ping`, { user: owner });
    const result = await outcome(() => searchLoader(request, orgId));
    expect(result).toMatchObject({ status: 200, body: { query: 'shipping' } });
  });

  it('shows nothing for an empty query', async () => {
    const body = (
      await outcome(() =>
        searchLoader(appRequest(`/orgs/${orgId}/search?q=`, { user: owner }), orgId),
      )
    ).body;
    expect(body).toEqual({ query: '', hits: [] });
  });

  it('splits a snippet into plain and highlighted parts', () => {
    expect(snippetParts('a «b» c')).toEqual([
      { at: 0, text: 'a ', match: false },
      { at: 3, text: 'b', match: true },
      { at: 5, text: ' c', match: false },
    ]);
  });
});
