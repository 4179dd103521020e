import { type Browser, expect, type Page, test } from '@playwright/test';
import { z } from 'zod';
import { documentText, editor, typeAtEnd } from '../e2e/app.ts';

// What a newcomer does in the first minutes after `pnpm dev` (tests/run-newcomer.ts), as two of
// the demo people the startup banner lists.
test.describe.configure({ mode: 'serial' });

const accounts = z
  .record(z.string(), z.object({ email: z.string(), password: z.string() }))
  .parse(JSON.parse(process.env.NEWCOMER_ACCOUNTS ?? '{}'));

let owner: Page;
let teammate: Page;
let documentPath = '';
let boardPath = '';

async function signIn(browser: Browser, role: string): Promise<Page> {
  const account = accounts[role];
  if (!account) throw new Error(`the startup banner lists no ${role} demo account`);
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: /sign in/i }).click();
  await page.waitForURL(/\/orgs\/[0-9A-Z]{26}$/);
  return page;
}

const suggestions = (page: Page) => page.getByTestId('suggestion');
const column = (page: Page, id: string) => page.getByTestId(`column-${id}`);

test.afterAll(async () => {
  for (const page of [owner, teammate]) await page?.context().close();
});

test('the demo owner and an editor sign in and open the sample PRD', async ({ browser }) => {
  owner = await signIn(browser, 'owner');
  teammate = await signIn(browser, 'editor');
  await owner
    .getByRole('link', { name: /Team inbox/ })
    .first()
    .click();
  await owner.getByRole('link', { name: /PRD/ }).first().click();
  await owner.waitForURL(/\/documents\/[0-9A-Z]{26}$/);
  documentPath = new URL(owner.url()).pathname;
  await teammate.goto(documentPath);
  for (const page of [owner, teammate]) {
    await expect(editor(page)).toContainText('Team inbox');
  }
});

test('the commenter’s open review thread is on the PRD, highlighted in the text', async () => {
  const comments = owner.getByRole('complementary', { name: 'Comments' });
  await expect(comments.locator('.thread-card')).toHaveCount(1);
  await expect(comments.locator('.thread-card')).toContainText('Cara Commenter');
  await expect(editor(owner).locator('.comment-anchor')).toHaveText(
    'Do leads need SLA alerts in the beta',
  );
});

test('each person sees the other type, with a named caret', async () => {
  await typeAtEnd(owner, 'Owner was here.');
  await typeAtEnd(teammate, 'Teammate too.');
  for (const page of [owner, teammate]) {
    await expect.poll(() => documentText(page)).toContain('Owner was here.');
    await expect.poll(() => documentText(page)).toContain('Teammate too.');
    await expect(page.locator('.collaboration-carets__caret')).toBeVisible();
  }
});

test('Generate (offline) runs to the end', async () => {
  const projectPath = documentPath.replace(/\/documents\/.*/, '');
  await owner.goto(projectPath);
  await owner
    .getByRole('link', { name: /Team inbox/ })
    .first()
    .click();
  await owner
    .getByRole('link', { name: /Generate/ })
    .first()
    .click();
  await owner.getByLabel(/templates only/).check();
  await owner.getByRole('button', { name: 'Generate' }).click();
  await owner.waitForURL(/\/runs\/[0-9A-Z]{26}$/);
  await expect(owner.getByText('succeeded').first()).toBeVisible({ timeout: 90_000 });
  for (const step of ['prd', 'tech', 'breakdown', 'tasks']) {
    await expect(owner.getByTestId(new RegExp(`^step-${step}-`)).first()).toContainText(
      'succeeded',
    );
  }
});

test('the plan’s suggestions appear for both; one accept changes the text for both', async () => {
  await owner.goto(documentPath);
  for (const page of [owner, teammate]) {
    await expect(suggestions(page).filter({ hasText: 'Offline templates' }).first()).toBeVisible();
  }
  const proposal = suggestions(owner)
    .filter({ has: owner.getByRole('button', { name: 'Accept' }) })
    .first();
  const id = await proposal.getAttribute('data-suggestion-id');
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered line breaks split the lines
  const added = (await proposal.locator('.suggestion-content').innerText())
    .split('\n')
    .map((line) => line.replace(/^[#\-*\s]+/, '').trim())
    .find((line) => line.length > 20 && !line.includes('…'));
  if (!id || !added) throw new Error('the suggestion has no id or no text to look for');
  await proposal.getByRole('button', { name: 'Accept' }).click();
  for (const page of [owner, teammate]) {
    await expect(suggestions(page).and(page.locator(`[data-suggestion-id="${id}"]`))).toContainText(
      'accepted',
    );
    await expect.poll(() => documentText(page)).toContain(added.slice(0, 40));
  }
});

test('the board shows the plan’s tasks, and a move is seen by the other', async () => {
  await owner.goto(documentPath.replace(/\/documents\/.*/, ''));
  await owner
    .getByRole('link', { name: /Team inbox/ })
    .first()
    .click();
  await owner.getByRole('link', { name: 'Open board' }).click();
  await owner.waitForURL(/\/board$/);
  boardPath = new URL(owner.url()).pathname;
  await teammate.goto(boardPath);
  for (const page of [owner, teammate]) {
    await expect(page.getByTestId('board')).toHaveAttribute('data-synced', 'true');
    await expect(column(page, 'todo').getByTestId('card').first()).toBeVisible();
  }
  const id = await column(owner, 'todo').getByTestId('card').first().getAttribute('data-card-id');
  if (!id) throw new Error('the first card has no id');
  const handle = owner.locator(`[data-card-button="${id}"]`);
  await handle.focus();
  await owner.keyboard.press('Space');
  await owner.keyboard.press('ArrowRight');
  await owner.keyboard.press('Space');
  await expect(column(teammate, 'in_progress').locator(`[data-card-id="${id}"]`)).toBeVisible();
});
