import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import {
  acceptInvitation,
  createOrganization,
  documentText,
  editor,
  invite,
  newPerson,
  type Person,
  signUp,
  typeAtEnd,
} from './app.ts';

test.describe.configure({ mode: 'serial' });

/** Kept after the run (unlike test-results/, which Playwright empties): see tests/README.md. */
const artifactsDir = join(import.meta.dirname, '..', 'artifacts');

let owner: Person;
let editorPerson: Person;
let viewer: Person;
let documentPath = '';
let projectPath = '';
let orgPath = '';

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
  orgPath = await createOrganization(page, 'Acme Product');
  await expect(page.getByRole('heading', { name: 'No projects yet' })).toBeVisible();

  await page.getByLabel('Name', { exact: true }).fill('Checkout revamp');
  await page.getByLabel('Idea', { exact: true }).fill('Make checkout one page');
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByRole('heading', { name: 'Checkout revamp' })).toBeVisible();
  projectPath = new URL(page.url()).pathname;

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

  for (const [who, person, other] of [
    ['owner', owner, editorPerson],
    ['editor', editorPerson, owner],
  ] as const) {
    // Centre the other person's named caret so both carets are in the picture.
    await person.page
      .locator('.collaboration-carets__label', { hasText: other.name })
      .evaluate((label) => label.scrollIntoView({ block: 'center' }));
    const path = join(artifactsDir, `two-cursors-${who}.png`);
    await person.page.screenshot({ path, fullPage: false });
    await testInfo.attach(`two cursors (${who})`, { path, contentType: 'image/png' });
  }
});

test('a viewer reads along live but cannot type', async () => {
  const { page } = viewer;
  await page.goto(documentPath);
  await expect(page.getByTestId('connection-state')).toHaveText('Read-only');
  await expect(editor(page)).toHaveAttribute('contenteditable', 'false');
  const before = await documentText(page);
  await editor(page).click();
  await page.keyboard.type('viewer was here');
  await expect(editor(page)).not.toContainText('viewer was here');
  expect(await documentText(page)).toBe(before);

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
  expect(await documentText(owner.page)).toBe(await documentText(offline.page));
});

test('the document list says who edited last and who has the document open', async () => {
  const { page } = owner;
  await page.goto(projectPath);
  const row = page.getByRole('link', { name: /Checkout PRD/ });
  await expect(row.getByTestId('last-edit')).toHaveText(/^Edited by (Alice Owner|Bob Editor) /);
  await expect(row.getByTitle('Bob Editor is here now')).toBeVisible();
});

test('the document exports as Markdown written with the shared schema', async () => {
  const { page } = owner;
  await page.goto(documentPath);
  await expect(page.getByTestId('connection-state')).toHaveText('Connected');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export Markdown' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('Checkout PRD.md');
  const markdown = readFileSync((await download.path()) ?? '', 'utf8');
  expect(markdown).toMatch(/^# Checkout PRD\n/);
  expect(markdown).toContain('\n## Problem\n');
  expect(markdown).toContain('Written on a plane.');
});

test('lowering a role takes effect in the open editor at once', async () => {
  const bob = editorPerson.page;
  await expect(bob.getByTestId('connection-state')).toHaveText('Connected');
  await owner.page.goto(`${orgPath}/members`);
  await owner.page.getByLabel('Role of Bob Editor').selectOption('viewer');

  // The sync server closes Bob's connection (4409); his editor reloads its access and reconnects.
  await expect(bob.getByTestId('connection-state')).toHaveText('Read-only');
  await expect(editor(bob)).toHaveAttribute('contenteditable', 'false');
  await editor(bob).focus();
  await bob.keyboard.type('no longer allowed');
  await expect(editor(bob)).not.toContainText('no longer allowed');
});
