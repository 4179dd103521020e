import { expect, type Page, test } from '@playwright/test';
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
let commenter: Person;
let documentPath = '';

test.beforeAll(async ({ browser }) => {
  owner = await newPerson(browser, 'Olive Owner');
  commenter = await newPerson(browser, 'Cole Commenter');
});

test.afterAll(async () => {
  for (const person of [owner, commenter]) await person?.context.close();
});

const panel = (page: Page) => page.getByRole('complementary', { name: 'Comments' });
const bell = (page: Page) => page.getByRole('link', { name: /^Inbox/ });
/** The unread count the bell shows once its live stream has reported one. */
async function unreadCount(page: Page): Promise<number> {
  await expect(bell(page)).toHaveAttribute('data-unread', /^\d+$/);
  return Number(await bell(page).getAttribute('data-unread'));
}
const threadOn = (page: Page, quote: string) =>
  panel(page).getByRole('listitem', { name: `Thread on “${quote}”` });

test('an owner writes a PRD and invites a commenter', async () => {
  const { page } = owner;
  await page.goto('/sign-up');
  await signUp(owner);
  const orgPath = await createOrganization(page, 'Review Co');
  await page.getByLabel('Name', { exact: true }).fill('Checkout');
  await page.getByLabel('Idea', { exact: true }).fill('One-page checkout');
  await page.getByRole('button', { name: 'Create project' }).click();
  await page.getByLabel('Type', { exact: true }).selectOption('prd');
  await page.getByLabel('Title', { exact: true }).fill('Checkout PRD');
  await page.getByRole('button', { name: 'Create document' }).click();
  await page.waitForURL(/\/documents\/[0-9A-Z]{26}$/);
  documentPath = new URL(page.url()).pathname;
  await expect(page.getByTestId('connection-state')).toHaveText('Connected');
  await typeAtEnd(page, 'Checkout must load quickly.');
  await acceptInvitation(commenter, await invite(page, orgPath, commenter.email, 'commenter'));
});

test('a commenter comments on selected text; the owner sees it live, replies, and resolves it', async () => {
  await owner.page.goto(documentPath);
  await commenter.page.goto(documentPath);
  await expect(owner.page.getByTestId('connection-state')).toHaveText('Connected');
  await expect(commenter.page.getByTestId('connection-state')).toHaveText('Read-only');
  for (const { page } of [owner, commenter]) {
    await expect(panel(page).getByText('No open threads.')).toBeVisible();
  }
  // The commenter cannot edit the text, yet selects a sentence in it and comments on it.
  const quoted = 'Checkout must load quickly.';
  await editor(commenter.page).getByText(quoted).selectText();
  await panel(commenter.page).getByRole('button', { name: 'Comment on selection' }).click();
  await panel(commenter.page).getByLabel('New comment').fill('How quickly, in seconds?');
  await panel(commenter.page).getByRole('button', { name: 'Comment', exact: true }).click();

  await expect(threadOn(commenter.page, quoted)).toContainText('How quickly, in seconds?');
  await expect(threadOn(owner.page, quoted)).toContainText('How quickly, in seconds?');
  await expect(editor(owner.page).locator('.comment-anchor')).toHaveText(quoted);

  // The commenter's bell counts the owner's reply without a reload (the marker would not survive one).
  const unreadBefore = await unreadCount(commenter.page);
  await commenter.page.evaluate(() => {
    (window as unknown as { stillHere: boolean }).stillHere = true;
  });
  await threadOn(owner.page, quoted).getByLabel('Reply').fill('Under 2 s on 4G.');
  await threadOn(owner.page, quoted).getByRole('button', { name: 'Reply' }).click();
  await expect(threadOn(commenter.page, quoted)).toContainText('Under 2 s on 4G.');
  await expect(bell(commenter.page)).toHaveAttribute('data-unread', String(unreadBefore + 1));
  expect(
    await commenter.page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere),
  ).toBe(true);
  // A commenter neither resolves nor deletes threads.
  await expect(
    threadOn(commenter.page, quoted).getByRole('button', { name: 'Resolve' }),
  ).toHaveCount(0);

  await threadOn(owner.page, quoted).getByRole('button', { name: 'Resolve' }).click();
  await expect(panel(commenter.page).getByText('No open threads.')).toBeVisible();
  await panel(commenter.page).getByRole('button', { name: 'Resolved' }).click();
  await expect(threadOn(commenter.page, quoted)).toContainText('Resolved');
  await expect(editor(commenter.page).locator('.comment-anchor')).toHaveCount(0);

  // The link a notification carries opens the document on that thread, resolved or not.
  const threadId = await threadOn(commenter.page, quoted).getAttribute('data-thread-id');
  await owner.page.goto(`${documentPath}?thread=${threadId}`);
  await expect(threadOn(owner.page, quoted)).toHaveClass(/active/);
  await expect(threadOn(owner.page, quoted)).toContainText('Under 2 s on 4G.');
});
