import { expect, test } from '@playwright/test';
import {
  acceptInvitation,
  createOrganization,
  editor,
  invite,
  newPerson,
  type Person,
  signUp,
  typeAtEnd,
} from './app.ts';

test.describe.configure({ mode: 'serial' });

let owner: Person;
let editorPerson: Person;
let viewer: Person;
let documentPath = '';

test.beforeAll(async ({ browser }) => {
  owner = await newPerson(browser, 'Alice Owner');
  editorPerson = await newPerson(browser, 'Bob Editor');
  viewer = await newPerson(browser, 'Carol Viewer');
});

test.afterAll(async () => {
  for (const person of [owner, editorPerson, viewer]) await person?.context.close();
});

test('sign up, create an organisation, a project and a PRD from the template', async () => {
  const { page } = owner;
  await page.goto('/sign-up');
  await signUp(owner);
  const orgPath = await createOrganization(page, 'Acme Product');
  await expect(page.getByRole('heading', { name: 'No projects yet' })).toBeVisible();

  await page.getByLabel('Name', { exact: true }).fill('Checkout revamp');
  await page.getByLabel('Idea', { exact: true }).fill('Make checkout one page');
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByRole('heading', { name: 'Checkout revamp' })).toBeVisible();

  await page.getByLabel('Type', { exact: true }).selectOption('prd');
  await expect(page.getByLabel('Template', { exact: true })).toContainText(
    'Product requirements (PRD)',
  );
  await page.getByLabel('Title', { exact: true }).fill('Checkout PRD');
  await page.getByRole('button', { name: 'Create document' }).click();
  await page.waitForURL(/\/documents\/[0-9A-Z]{26}$/);
  documentPath = new URL(page.url()).pathname;
  // The template's sections arrive through the sync server like any other content.
  await expect(editor(page).getByRole('heading', { name: 'Problem' })).toBeVisible();
  await expect(page.getByTestId('connection-state')).toHaveText('Connected');

  const editorLink = await invite(page, orgPath, editorPerson.email, 'editor');
  const viewerLink = await invite(page, orgPath, viewer.email, 'viewer');
  await acceptInvitation(editorPerson, editorLink);
  await acceptInvitation(viewer, viewerLink);
});

test('two people co-edit: each sees the other’s text and named cursor within a second', async () => {
  const testInfo = test.info();
  await owner.page.goto(documentPath);
  await editorPerson.page.goto(documentPath);
  for (const { page } of [owner, editorPerson]) {
    await expect(page.getByTestId('connection-state')).toHaveText('Connected');
  }

  await typeAtEnd(owner.page, 'Alice writes the goals.');
  await expect(editor(editorPerson.page)).toContainText('Alice writes the goals.', {
    timeout: 1_000,
  });
  await typeAtEnd(editorPerson.page, 'Bob adds a metric.');
  await expect(editor(owner.page)).toContainText('Bob adds a metric.', { timeout: 1_000 });

  await expect(
    owner.page.locator('.collaboration-carets__label', { hasText: 'Bob Editor' }),
  ).toBeVisible({ timeout: 1_000 });
  await editorPerson.page.keyboard.type(' More.');
  await owner.page.keyboard.type(' Done.');
  await expect(
    editorPerson.page.locator('.collaboration-carets__label', { hasText: 'Alice Owner' }),
  ).toBeVisible({ timeout: 1_000 });
  await expect(owner.page.getByTestId('avatar-stack').locator('[data-peer]')).toHaveCount(2);

  for (const [who, person] of [
    ['owner', owner],
    ['editor', editorPerson],
  ] as const) {
    const path = testInfo.outputPath(`two-cursors-${who}.png`);
    await person.page.screenshot({ path, fullPage: false });
    await testInfo.attach(`two cursors (${who})`, { path, contentType: 'image/png' });
  }
});

test('a viewer reads along live but cannot type', async () => {
  const { page } = viewer;
  await page.goto(documentPath);
  await expect(page.getByTestId('connection-state')).toHaveText('Read-only');
  await expect(editor(page)).toHaveAttribute('contenteditable', 'false');
  const before = await editor(page).textContent();
  await editor(page).click();
  await page.keyboard.type('viewer was here');
  await expect(editor(page)).not.toContainText('viewer was here');
  expect(await editor(page).textContent()).toBe(before);

  await typeAtEnd(owner.page, 'Live for viewers too.');
  await expect(editor(page)).toContainText('Live for viewers too.', { timeout: 1_000 });
});

test('edits made offline merge when the connection returns', async () => {
  const offline = editorPerson;
  await offline.context.setOffline(true);
  await expect(offline.page.getByTestId('connection-state')).toHaveText('Offline');

  await typeAtEnd(offline.page, 'Written on a plane.');
  await typeAtEnd(owner.page, 'Written at the office.');
  await expect(editor(owner.page)).not.toContainText('Written on a plane.');

  await offline.context.setOffline(false);
  await expect(offline.page.getByTestId('connection-state')).toHaveText('Connected');
  for (const { page } of [owner, offline]) {
    await expect(editor(page)).toContainText('Written on a plane.');
    await expect(editor(page)).toContainText('Written at the office.');
  }
  expect(await editor(owner.page).textContent()).toBe(await editor(offline.page).textContent());
});
