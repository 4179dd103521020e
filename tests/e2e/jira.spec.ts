import { expect, type Page, test } from '@playwright/test';
import { createDb, type Db } from '@specboard/db';
import { FakeJira } from '@specboard/integrations/testing/fake-jira';
import { createOrganization, newPerson, type Person, signUp } from './app.ts';

const WEBHOOK_SECRET = 'e2e-jira-webhook-secret';
let alice: Person;
let jira: FakeJira;
let db: Db;

test.beforeAll(async ({ browser }) => {
  alice = await newPerson(browser, 'Alice Owner');
  jira = await FakeJira.start('pm@example.com', 'jira-api-token');
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error('E2E_DATABASE_URL is not set: run through `node run-e2e.ts`');
  db = createDb(url, { max: 1 });
});

test.afterAll(async () => {
  await alice?.context.close();
  await jira?.close();
  await db?.destroy();
});

const column = (page: Page, id: string) => page.getByTestId(`column-${id}`);

test('cards pushed to Jira move on the board when their issue moves in Jira', async () => {
  const { page } = alice;
  await page.goto('/sign-up');
  await signUp(alice);
  const orgPath = await createOrganization(page, 'Jira Co');
  await page.getByLabel('Name', { exact: true }).fill('Checkout');
  await page.getByRole('button', { name: 'Create project' }).click();
  await page.getByRole('link', { name: 'Open board' }).click();
  await page.waitForURL(/\/board$/);
  const boardPath = new URL(page.url()).pathname;
  for (const title of ['Pay by card', 'Send the receipt']) {
    await page.getByLabel('New card title').fill(title);
    await page.getByLabel('New card title').press('Enter');
    await expect(column(page, 'todo')).toContainText(title);
  }

  await page.goto(`${orgPath}/integrations`);
  const form = page.locator('form', { has: page.getByRole('button', { name: 'Connect Jira' }) });
  await form.getByLabel('Jira site').fill(jira.url);
  await form.getByLabel('Account email').fill('pm@example.com');
  await form.getByLabel('API token').fill('jira-api-token');
  await form.getByLabel('Project key').fill('SPEC');
  await form.getByLabel('Webhook secret (optional)').fill(WEBHOOK_SECRET);
  await form.getByRole('button', { name: 'Connect Jira' }).click();
  await expect(page.getByRole('status')).toContainText('Connected “Jira”');
  await expect(page.getByText('jira-api-token')).toHaveCount(0);
  const webhookUrl =
    (await page.locator('code', { hasText: '/integrations/jira/' }).textContent()) ?? '';

  await page.getByRole('button', { name: 'Push board to Jira' }).click();
  await expect.poll(() => jira.issues.size, { timeout: 20_000 }).toBe(2);
  const pushed = [...jira.issues.values()].find((issue) => issue.summary === 'Pay by card');
  expect(JSON.stringify(pushed?.description)).toContain(boardPath);
  // Pushing again updates the same issues.
  await page.getByRole('button', { name: 'Push board to Jira' }).click();
  await expect.poll(() => jira.requests.filter((r) => r.method === 'PUT').length).toBe(2);
  expect(jira.issues.size).toBe(2);

  await page.goto(boardPath);
  await expect(page.getByTestId('board')).toHaveAttribute('data-synced', 'true');
  await expect(column(page, 'todo')).toContainText('Pay by card');
  const status = await jira.transition(pushed?.key ?? '', 'done', {
    url: webhookUrl,
    secret: WEBHOOK_SECRET,
  });
  expect(status).toBe(202);
  await expect(column(page, 'done')).toContainText('Pay by card', { timeout: 15_000 });
  await expect(column(page, 'todo')).not.toContainText('Pay by card');

  const forged = await jira.transition(pushed?.key ?? '', 'new', {
    url: webhookUrl,
    secret: 'not-the-secret',
  });
  expect(forged).toBe(401);
});
