import { beforeAll, describe, expect, it } from 'vitest';
import { appRequest, outcome, type TestUser } from '../testing/app-fixture.ts';
import { orgWithMembers, projectWithDocument, setUpTestApp } from '../testing/org-fixture.ts';
import { historyAction } from './history.server.ts';
import { VERSIONS_PER_DOCUMENT_PER_MINUTE } from './version-limit.server.ts';

setUpTestApp();

let orgId: string;
let owner: TestUser;
let editor: TestUser;

beforeAll(async () => {
  ({
    orgId,
    users: { owner, editor },
  } = await orgWithMembers({ roles: ['editor'] }));
});

const save = (documentId: string, user: TestUser) =>
  outcome(() =>
    historyAction(
      appRequest(`/orgs/${orgId}/documents/${documentId}/history`, {
        user,
        form: { intent: 'save' },
      }),
      orgId,
      documentId,
    ),
  );

async function newDocument() {
  const { document } = await projectWithDocument({ orgId, createdBy: owner.id, title: 'Spec' });
  return document.id;
}

describe('version budget', () => {
  it('limits versions per document, across people, with a message that says when to retry', async () => {
    const documentId = await newDocument();
    for (let i = 0; i < VERSIONS_PER_DOCUMENT_PER_MINUTE; i++) {
      expect((await save(documentId, i % 2 === 0 ? owner : editor)).status).toBe(200);
    }
    const refused = await save(documentId, editor);
    expect(refused).toMatchObject({
      status: 429,
      body: { ok: false, fieldErrors: { form: [expect.stringMatching(/Too many versions/)] } },
    });
    expect((await save(await newDocument(), editor)).status).toBe(200);
  });

  it('limits versions per person across documents', async () => {
    let status = 200;
    let saved = 0;
    while (status === 200 && saved < 50) {
      status = (await save(await newDocument(), owner)).status;
      if (status === 200) saved++;
    }
    expect(status).toBe(429);
    expect(saved).toBeLessThan(50);
  });
});
