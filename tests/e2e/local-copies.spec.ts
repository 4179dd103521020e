import { expect, type Page, test } from '@playwright/test';
import { createDb, type Db } from '@specboard/db';
import { createDocument } from '@specboard/db/documents';
import { addMember } from '@specboard/db/organizations';
import { recordRevocation } from '@specboard/db/revocations';
import { createOrganization, editor, newPerson, type Person, signUp, typeAtEnd } from './app.ts';

test.describe.configure({ mode: 'serial' });

let carol: Person;
let dave: Person;
let db: Db;
let documentPath = '';
let orgId = '';

test.beforeAll(async ({ browser }) => {
  carol = await newPerson(browser, 'Carol Offline');
  dave = await newPerson(browser, 'Dave Removed');
  const url = process.env.E2E_DATABASE_URL;
  if (!url)
    throw new Error('E2E_DATABASE_URL is not set: run through `pnpm --filter @specboard/e2e test`');
  db = createDb(url, { max: 1 });
});

test.afterAll(async () => {
  for (const person of [carol, dave]) await person?.context.close();
  await db?.destroy();
});

const databaseNames = (page: Page) =>
  page.evaluate(async () => (await indexedDB.databases()).map((database) => database.name ?? ''));

test('offline copies are named by person and deleted when they sign out', async () => {
  const { page } = carol;
  await page.goto('/sign-up');
  await signUp(carol);
  await createOrganization(page, 'Offline Co');
  await page.getByLabel('Name', { exact: true }).fill('Field app');
  await page.getByRole('button', { name: 'Create project' }).click();
  await page.getByRole('link', { name: 'Open board' }).click();
  await page.waitForURL(/\/board$/);
  const [, , org = '', , projectId = ''] = new URL(page.url()).pathname.split('/');
  orgId = org;
  const user = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', carol.email)
    .executeTakeFirstOrThrow();
  const document = await createDocument(db, {
    orgId,
    projectId,
    type: 'notes',
    title: 'Site notes',
    createdBy: user.id,
  });
  if (!document) throw new Error('document not created');

  documentPath = `/orgs/${orgId}/documents/${document.id}`;
  await page.goto(documentPath);
  await typeAtEnd(page, 'Kept on this laptop for the train.');
  await expect(editor(page)).toContainText('Kept on this laptop');
  const copy = `specboard:u:${encodeURIComponent(user.id)}:doc:${document.id}`;
  await expect.poll(() => databaseNames(page)).toContain(copy);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(/\/sign-in/);
  await expect
    .poll(async () => (await databaseNames(page)).filter((name) => name.startsWith('specboard:')))
    .toEqual([]);
});

test('removal from the organisation deletes the removed person’s copy', async () => {
  const { page } = dave;
  await page.goto('/sign-up');
  await signUp(dave);
  const user = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', dave.email)
    .executeTakeFirstOrThrow();
  await addMember(db, { orgId, userId: user.id, role: 'editor' });
  await page.goto(documentPath);
  await expect(editor(page)).toContainText('Kept on this laptop');
  const copy = `specboard:u:${encodeURIComponent(user.id)}:doc:${documentPath.split('/').at(-1)}`;
  await expect.poll(() => databaseNames(page)).toContain(copy);

  await db
    .deleteFrom('members')
    .where('organization_id', '=', orgId)
    .where('user_id', '=', user.id)
    .execute();
  await recordRevocation(db, { userId: user.id, scope: 'organization', scopeId: orgId });
  await expect.poll(() => databaseNames(page), { timeout: 20_000 }).not.toContain(copy);
});
