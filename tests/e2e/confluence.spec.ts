import { expect, test } from '@playwright/test';
import { createDb, type Db } from '@specboard/db';
import { createDocument } from '@specboard/db/documents';
import { createVersion } from '@specboard/db/versions';
import { FakeConfluence } from '@specboard/integrations/testing/fake-confluence';
import { createOrganization, newPerson, type Person, signUp } from './app.ts';

let alice: Person;
let confluence: FakeConfluence;
let db: Db;

test.beforeAll(async ({ browser }) => {
  alice = await newPerson(browser, 'Alice Owner');
  confluence = await FakeConfluence.start('pm@example.com', 'confluence-api-token');
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error('E2E_DATABASE_URL is not set: run through `node run-e2e.ts`');
  db = createDb(url, { max: 1 });
});

test.afterAll(async () => {
  await alice?.context.close();
  await confluence?.close();
  await db?.destroy();
});

test('a version published to Confluence becomes one page, updated by later versions', async () => {
  const { page } = alice;
  await page.goto('/sign-up');
  await signUp(alice);
  const orgPath = await createOrganization(page, 'Wiki Co');
  const orgId = orgPath.split('/').pop() ?? '';
  await page.getByLabel('Name', { exact: true }).fill('Checkout');
  await page.getByRole('button', { name: 'Create project' }).click();
  await page.getByRole('link', { name: 'Open board' }).waitFor();
  const { id: ownerId } = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', alice.email)
    .executeTakeFirstOrThrow();
  const { id: projectId } = await db
    .selectFrom('projects')
    .select('id')
    .where('org_id', '=', orgId)
    .executeTakeFirstOrThrow();
  const prd = await createDocument(db, {
    orgId,
    projectId,
    type: 'notes',
    title: 'Checkout PRD',
    createdBy: ownerId,
  });
  if (!prd) throw new Error('document not created');
  const saveVersion = async (contentMd: string) => {
    const version = await createVersion(db, {
      orgId,
      documentId: prd.id,
      label: null,
      trigger: 'manual',
      yState: new Uint8Array([0, 0]),
      contentJson: { type: 'doc' },
      contentMd,
      createdBy: ownerId,
      planRunId: null,
    });
    if (!version) throw new Error('version not created');
    return `/orgs/${orgId}/documents/${prd.id}/history/${version.id}`;
  };

  await page.goto(`${orgPath}/integrations`);
  const form = page.locator('form', {
    has: page.getByRole('button', { name: 'Connect Confluence' }),
  });
  await form.getByLabel('Confluence site').fill(`${confluence.url}/wiki`);
  await form.getByLabel('Account email').fill('pm@example.com');
  await form.getByLabel('API token').fill('confluence-api-token');
  await form.getByLabel('Space id').fill('98304');
  await form.getByRole('button', { name: 'Connect Confluence' }).click();
  await expect(page.getByRole('status')).toContainText('Connected “Confluence”');
  await expect(page.getByText('confluence-api-token')).toHaveCount(0);

  const first = await saveVersion('## Payments\n\n- Pay by card <script>alert(1)</script>');
  await page.goto(first);
  const status = page.getByTestId('confluence-status-Confluence');
  await expect(status).toHaveText('Not published yet.');
  await page.getByRole('button', { name: 'Publish to Confluence (Confluence)' }).click();
  await expect(page.getByRole('status')).toContainText('Publishing version 1 to Confluence');
  // The page follows the worker's publish without a reload.
  await expect(status).toContainText('Version 1 is published', { timeout: 20_000 });
  const [published] = [...confluence.pages.values()];
  expect(published?.title).toBe('Checkout PRD');
  expect(published?.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  expect(published?.body).toContain(first);
  await expect(status.getByRole('link', { name: 'published' })).toHaveAttribute(
    'href',
    `${confluence.url}/wiki/spaces/SPEC/pages/${published?.id}/Checkout+PRD`,
  );

  const second = await saveVersion('## Payments\n\n- Pay by card\n- Pay by invoice');
  await page.goto(second);
  await page.getByRole('button', { name: 'Publish to Confluence (Confluence)' }).click();
  await expect(status).toContainText('Version 2 is published', { timeout: 20_000 });
  expect(confluence.pages.size).toBe(1);
  expect(confluence.pages.get(published?.id ?? '')).toMatchObject({ version: 2 });

  confluence.failNext({ status: 401 });
  await page.getByRole('button', { name: 'Publish to Confluence (Confluence)' }).click();
  await expect(status).toContainText(
    'Last attempt failed: Confluence refused the credentials (401): check the email and API token',
    { timeout: 20_000 },
  );
  await expect(status).toContainText('Version 2 is published');
});
