import { expect, type Page, test } from '@playwright/test';
import { createDb, type Db } from '@specboard/db';
import { loadDocState } from '@specboard/db/doc-log';
import { createDocument } from '@specboard/db/documents';
import { addMember } from '@specboard/db/organizations';
import { loadYDoc } from '@specboard/doc/doc-state';
import {
  createOrganization,
  editor,
  newPerson,
  type Person,
  pressEnter,
  signUp,
  typeAtEnd,
  waitForCaretIn,
} from './app.ts';

test.describe.configure({ mode: 'serial' });

let alice: Person;
let bob: Person;
let boardPath = '';
let orgId = '';
let projectId = '';
let db: Db;

test.beforeAll(async ({ browser }) => {
  alice = await newPerson(browser, 'Alice Owner');
  bob = await newPerson(browser, 'Bob Editor');
  const url = process.env.E2E_DATABASE_URL;
  if (!url)
    throw new Error('E2E_DATABASE_URL is not set: run through `pnpm --filter @specboard/e2e test`');
  db = createDb(url, { max: 1 });
});

test.afterAll(async () => {
  for (const person of [alice, bob]) await person?.context.close();
  await db?.destroy();
});

/** Membership comes from the database here: invitations have their own spec. */
async function join(person: Person, orgPath: string, role: 'editor' | 'viewer') {
  await person.page.goto('/sign-up');
  await signUp(person);
  const user = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', person.email)
    .executeTakeFirstOrThrow();
  const orgId = orgPath.split('/').at(-1) ?? '';
  await addMember(db, { orgId, userId: user.id, role });
}

const column = (page: Page, id: string) => page.getByTestId(`column-${id}`);
const card = (page: Page, title: string) =>
  page.getByTestId('card').filter({ has: page.getByRole('button', { name: title }) });

test('an owner and an editor open the same board', async () => {
  const { page } = alice;
  await page.goto('/sign-up');
  await signUp(alice);
  const orgPath = await createOrganization(page, 'Board Co');
  await page.getByLabel('Name', { exact: true }).fill('Mobile app');
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByRole('heading', { name: 'Mobile app' })).toBeVisible();
  await page.getByRole('link', { name: 'Open board' }).click();
  await page.waitForURL(/\/board$/);
  boardPath = new URL(page.url()).pathname;
  orgId = boardPath.split('/')[2] ?? '';
  projectId = boardPath.split('/')[4] ?? '';
  await join(bob, orgPath, 'editor');
  await alice.page.goto(boardPath);
  await bob.page.goto(boardPath);
  for (const person of [alice, bob]) {
    await expect(person.page.getByTestId('board')).toHaveAttribute('data-synced', 'true');
    await expect(person.page.getByRole('heading', { name: 'To do' })).toBeVisible();
  }
  await expect(alice.page.locator('[data-peer="Bob Editor"]')).toBeVisible();
});

test('a new card appears for the other viewer without a reload', async () => {
  await alice.page.getByLabel('New card title').fill('Write the login API');
  await alice.page.getByLabel('New card title').press('Enter');
  await expect(card(bob.page, 'Write the login API')).toBeVisible({ timeout: 1_000 });
  await expect(column(bob.page, 'todo')).toContainText('Write the login API');
});

test('a keyboard move is seen live, with "<name> is moving <card>" while it is held', async () => {
  const handle = alice.page.getByRole('button', { name: 'Write the login API' });
  await handle.focus();
  await alice.page.keyboard.press('Space');
  await expect(bob.page.getByTestId('moving')).toContainText(
    'Alice Owner is moving Write the login API',
    { timeout: 1_000 },
  );
  await alice.page.keyboard.press('ArrowRight');
  await expect(column(bob.page, 'in_progress')).toContainText('Write the login API', {
    timeout: 1_000,
  });
  await alice.page.keyboard.press('Space');
  await expect(bob.page.getByTestId('moving')).not.toContainText('Alice Owner', { timeout: 1_000 });
  await expect(column(alice.page, 'in_progress')).toContainText('Write the login API');
});

test('a WIP limit is shown and warned about for everyone', async () => {
  await alice.page.getByLabel('WIP limit for In progress').fill('1');
  await alice.page.getByLabel('WIP limit for In progress').blur();
  await expect(bob.page.getByTestId('count-in_progress')).toHaveText('1 / 1', { timeout: 1_000 });
  await bob.page.getByLabel('New card title').fill('Design the sign-in screen');
  await bob.page.getByLabel('New card title').press('Enter');
  const handle = bob.page.getByRole('button', { name: 'Design the sign-in screen' });
  await handle.focus();
  await bob.page.keyboard.press('Space');
  await bob.page.keyboard.press('ArrowRight');
  await bob.page.keyboard.press('Space');
  await expect(alice.page.getByText('Over WIP limit')).toBeVisible({ timeout: 1_000 });
});

test('the drawer edits a card for everyone', async () => {
  await bob.page.getByRole('button', { name: 'Write the login API' }).click();
  const drawer = bob.page.getByTestId('card-drawer');
  await drawer.getByLabel('Labels (comma-separated)').fill('backend, auth');
  await drawer.getByLabel('Labels (comma-separated)').blur();
  await expect(card(alice.page, 'Write the login API')).toContainText('auth', { timeout: 1_000 });
  await drawer.getByRole('button', { name: 'Close' }).click();
});

test('a mouse drag moves a card for the other viewer within a second', async () => {
  await bob.page
    .getByRole('button', { name: 'Design the sign-in screen' })
    .dragTo(column(bob.page, 'review'));
  await expect(column(alice.page, 'review')).toContainText('Design the sign-in screen', {
    timeout: 1_000,
  });
  await expect(alice.page.getByText('Over WIP limit')).toBeHidden();
});

test('versions: save, compare, and restore live for everyone', async () => {
  const owner = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', alice.email)
    .executeTakeFirstOrThrow();
  const prd = await createDocument(db, {
    orgId,
    projectId,
    type: 'prd',
    title: 'Mobile PRD',
    createdBy: owner.id,
  });
  if (!prd) throw new Error('document not created');
  const documentPath = `/orgs/${orgId}/documents/${prd.id}`;
  const { page } = alice;
  await page.goto(documentPath);
  await typeAtEnd(page, 'Sign in with email.');
  await page.getByLabel('Version name').fill('First draft');
  await page.getByRole('button', { name: 'Save version' }).click();
  await expect(page.getByText('Saved version 1.')).toBeVisible();

  await page.goto(documentPath);
  await editor(page).getByText('Sign in with email.').click();
  await page.keyboard.press('End');
  await page.keyboard.type(' Passwords are optional.');
  await page.getByRole('button', { name: 'Save version' }).click();
  await expect(page.getByText('Saved version 2.')).toBeVisible();

  const versions = page.getByTestId('versions');
  await versions.getByLabel('Compare version 1').check();
  await versions.getByLabel('Compare version 2').check();
  await page.getByRole('link', { name: 'Compare the two versions' }).click();
  await expect(page.getByTestId('diff-stats')).toContainText('1 changed');
  await expect(page.getByTestId('version-doc').locator('ins')).toContainText('Passwords');

  await bob.page.goto(documentPath);
  await expect(editor(bob.page)).toContainText('Passwords are optional.');
  await page.goto(`${documentPath}/history`);
  page.once('dialog', (dialog) => void dialog.accept());
  await page
    .getByTestId('versions')
    .getByRole('row', { name: /First draft/ })
    .getByRole('button', { name: 'Restore' })
    .click();
  // The worker restores from the stored version; the page follows the job until it is listed.
  await expect(page.getByRole('status')).toContainText('Restor');
  await expect(editor(bob.page)).not.toContainText('Passwords are optional.');
  await expect(editor(bob.page)).toContainText('Sign in with email.');
  await expect(page.getByTestId('versions')).toContainText('Restored version 1');
  await expect(page.getByRole('status')).toContainText('Restored version 1 as version 3.');
});

test('create tasks from a version: cards arrive for both, link to their section, and drift', async () => {
  const owner = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', alice.email)
    .executeTakeFirstOrThrow();
  const prd = await createDocument(db, {
    orgId,
    projectId,
    type: 'notes',
    title: 'Checkout PRD',
    createdBy: owner.id,
  });
  if (!prd) throw new Error('document not created');
  const documentPath = `/orgs/${orgId}/documents/${prd.id}`;
  const { page } = alice;
  await page.goto(documentPath);
  await typeAtEnd(page, '## Payments');
  await pressEnter(page);
  // The "- " shortcut turns the paragraph into a list item; type on once the caret is in it.
  await page.keyboard.type('- ');
  await waitForCaretIn(page, '[data-testid="editor"] li');
  await page.keyboard.type('Pay with a saved card');
  await expect(editor(page).getByRole('heading', { name: 'Payments' })).toBeVisible();
  await expect(editor(page)).toContainText('Pay with a saved card');
  // A version is saved from what the sync server has stored: wait until the typing is there.
  await expect
    .poll(async () => {
      const state = await loadDocState(db, orgId, `doc:${prd.id}`);
      const doc = loadYDoc(state.snapshot, state.updates);
      const stored = doc.getXmlFragment('default').toString();
      doc.destroy();
      return stored.includes('Pay with a saved card');
    })
    .toBe(true);
  await page.getByRole('button', { name: 'Save version' }).click();
  await expect(page.getByText('Saved version 1.')).toBeVisible();
  const version = await db
    .selectFrom('document_versions')
    .select('id')
    .where('document_id', '=', prd.id)
    .executeTakeFirstOrThrow();

  await bob.page.goto(boardPath);
  await expect(bob.page.getByTestId('board')).toHaveAttribute('data-synced', 'true');
  await page.goto(`${documentPath}/history/${version.id}`);
  await page.getByRole('button', { name: 'Create tasks from this version' }).click();
  await expect(page.getByRole('status')).toContainText('Creating tasks from version 1');
  await expect(card(bob.page, 'Build: Pay with a saved card')).toBeVisible({ timeout: 20_000 });
  await page.getByRole('link', { name: 'project board' }).click();
  await expect(card(page, 'Build: Pay with a saved card')).toBeVisible();

  await page.getByRole('button', { name: 'Build: Pay with a saved card' }).click();
  await page.getByTestId('card-source').click();
  await page.waitForURL(/#Payments$/);
  const payments = editor(page).getByRole('heading', { name: 'Payments' });
  await expect(payments).toBeInViewport();
  await expect
    .poll(() =>
      page.evaluate(() => getSelection()?.anchorNode?.parentElement?.closest('h2')?.textContent),
    )
    .toBe('Payments');

  await editor(page).getByText('Pay with a saved card').click();
  await page.keyboard.press('End');
  await page.keyboard.type(' or Apple Pay');
  await page.getByRole('button', { name: 'Save version' }).click();
  await expect(page.getByText('Saved version 2.')).toBeVisible();
  await bob.page.goto(boardPath);
  const drift = card(bob.page, 'Build: Pay with a saved card').getByTestId('drift-marker');
  await expect(drift).toBeVisible();
  await drift.click();
  await expect(bob.page.getByTestId('version-doc').locator('ins')).toContainText('Apple Pay');
});
