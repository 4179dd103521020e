import { expect, type Page, test } from '@playwright/test';
import { createDb } from '@specboard/db';
import { mentionListenerConnected } from '@specboard/db/testing';
import {
  acceptInvitation,
  createOrganization,
  editor,
  invite,
  mailedLink,
  newPerson,
  type Person,
  signUp,
  typeAtEnd,
  waitForCaretIn,
} from './app.ts';

test.describe.configure({ mode: 'serial' });

let alice: Person;
let bob: Person;
let documentPath = '';

test.beforeAll(async ({ browser }) => {
  alice = await newPerson(browser, 'Alice Owner');
  bob = await newPerson(browser, 'Bob Builder');
});

test.afterAll(async () => {
  for (const person of [alice, bob]) await person?.context.close();
});

/** Waits until the worker listens for mentions (run-e2e.ts does not wait for it to start). */
async function workerListening(): Promise<void> {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error('E2E_DATABASE_URL is not set: run through `node run-e2e.ts`');
  const db = createDb(url, { max: 1 });
  try {
    await expect.poll(() => mentionListenerConnected(db), { timeout: 60_000 }).toBe(true);
  } finally {
    await db.destroy();
  }
}

const bell = (page: Page) => page.getByRole('link', { name: /^Inbox/ });
const picker = (page: Page) => page.getByRole('listbox', { name: 'Mention someone' });

test('an owner writes a document and invites Bob', async () => {
  const { page } = alice;
  await page.goto('/sign-up');
  await signUp(alice);
  const orgPath = await createOrganization(page, 'Mention Co');
  await page.getByLabel('Name', { exact: true }).fill('Onboarding');
  await page.getByLabel('Idea', { exact: true }).fill('A guided first week');
  await page.getByRole('button', { name: 'Create project' }).click();
  await page.getByLabel('Type', { exact: true }).selectOption('prd');
  await page.getByLabel('Title', { exact: true }).fill('Onboarding PRD');
  await page.getByRole('button', { name: 'Create document' }).click();
  await page.waitForURL(/\/documents\/[0-9A-Z]{26}$/);
  documentPath = new URL(page.url()).pathname;
  await acceptInvitation(bob, await invite(page, orgPath, bob.email, 'editor'));
});

test('Alice mentions Bob with the @ picker; Bob sees it live, his bell rises, and it opens the document', async () => {
  await alice.page.goto(documentPath);
  await bob.page.goto(documentPath);
  for (const { page } of [alice, bob]) {
    await expect(page.getByTestId('connection-state')).toHaveText('Connected');
  }
  await expect(bell(bob.page)).toHaveAccessibleName('Inbox, nothing unread');
  await workerListening();
  // A reload would drop this marker: the count must rise on the open page.
  await bob.page.evaluate(() => {
    (window as unknown as { stillHere: boolean }).stillHere = true;
  });

  // Escape closes the picker and leaves the typed text alone.
  const { keyboard } = alice.page;
  await typeAtEnd(alice.page, 'Owner: @Bo');
  await expect(picker(alice.page).getByRole('option')).toHaveText(['@Bob Builder']);
  await keyboard.press('Escape');
  await expect(picker(alice.page)).toHaveCount(0);
  await expect(editor(alice.page)).toContainText('Owner: @Bo');
  for (let i = 0; i < 3; i++) await keyboard.press('Backspace');

  // Up and down move through the members; typing narrows them; Enter inserts the mention.
  await keyboard.type('@');
  const options = picker(alice.page).getByRole('option');
  await expect(options).toHaveCount(2);
  await expect(options.nth(0)).toHaveAttribute('aria-selected', 'true');
  await keyboard.press('ArrowDown');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  await keyboard.press('ArrowUp');
  await expect(options.nth(0)).toHaveAttribute('aria-selected', 'true');
  await keyboard.type('Bo');
  await expect(picker(alice.page).getByRole('option', { selected: true })).toHaveText(
    '@Bob Builder',
  );
  await keyboard.press('Enter');
  await expect(editor(alice.page).locator('.mention')).toHaveCount(1);
  await waitForCaretIn(alice.page, '[data-testid="editor"] p');
  await keyboard.type('reviews this.');
  await expect(editor(alice.page).locator('.mention')).toHaveText(['@Bob Builder']);

  await expect(editor(bob.page).locator('.mention')).toHaveText(['@Bob Builder']);
  await expect(editor(bob.page)).toContainText('Owner: @Bob Builder reviews this.');
  await expect(bell(bob.page)).toHaveAccessibleName('Inbox, 1 unread');
  expect(
    await bob.page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere),
  ).toBe(true);

  await bell(bob.page).click();
  await bob.page.waitForURL((url) => url.pathname === '/inbox');
  await bob.page
    .getByRole('list', { name: 'Notifications' })
    .getByRole('button', { name: /You were mentioned in Onboarding PRD/ })
    .click();
  await bob.page.waitForURL((url) => url.pathname === documentPath);
  await expect(editor(bob.page).locator('.mention')).toHaveText(['@Bob Builder']);
  await expect(bell(bob.page)).toHaveAccessibleName('Inbox, nothing unread');
});

test('a name that matches no member cannot be mentioned; an owner invites an e-mail address from the picker', async () => {
  const { page } = alice;
  await typeAtEnd(page, 'Also @Zed');
  await expect(picker(page)).toContainText(
    "“Zed” is not a member, so they can't see this document. Type their e-mail address to invite them.",
  );
  await expect(picker(page).getByRole('option')).toHaveCount(0);
  for (let i = 0; i < 3; i++) await page.keyboard.press('Backspace');
  await page.keyboard.type('dana@example.com');
  await expect(picker(page).getByRole('option')).toHaveText([
    'Invite dana@example.com to the organisation',
  ]);
  await page.keyboard.press('Enter');
  await expect(picker(page).getByRole('status')).toHaveText(
    'Invitation emailed to dana@example.com. You can mention them once they join.',
  );
  expect(await mailedLink('dana@example.com', /invited you/)).toContain('/invitations/');
  await page.keyboard.press('Escape');
  await expect(picker(page)).toHaveCount(0);
  await expect(editor(page).locator('.mention')).toHaveCount(1);
});
