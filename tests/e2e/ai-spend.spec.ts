import { expect, test } from '@playwright/test';
import { createDb, type Db } from '@specboard/db';
import { recordFinishedPlanRun } from '@specboard/db/finished-runs';
import { createProject } from '@specboard/db/projects';
import { createOrganization, newPerson, type Person, signUp } from './app.ts';

let alice: Person;
let db: Db;

test.beforeAll(async ({ browser }) => {
  alice = await newPerson(browser, 'Alice Owner');
  const url = process.env.E2E_DATABASE_URL;
  if (!url)
    throw new Error('E2E_DATABASE_URL is not set: run through `pnpm --filter @specboard/e2e test`');
  db = createDb(url, { max: 1 });
});

test.afterAll(async () => {
  await alice?.context.close();
  await db?.destroy();
});

// The e2e apps run with no AI endpoint (no OPENAI_API_KEY/OPENAI_BASE_URL): every run is on the
// free offline templates, so a spent budget refuses nothing (refusals: apps/web/app/ai/*.test.ts).
test('an admin sets a budget and sees the month spent; with no AI endpoint Generate still starts on the free offline provider', async () => {
  const { page } = alice;
  await page.goto('/sign-up');
  await signUp(alice);
  const orgPath = await createOrganization(page, 'Spend Co');
  const orgId = orgPath.split('/').at(-1) ?? '';
  const user = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', alice.email)
    .executeTakeFirstOrThrow();
  const project = await createProject(db, {
    orgId,
    name: 'Dog walking',
    idea: 'Owners book vetted walkers nearby',
    createdBy: user.id,
  });
  await recordFinishedPlanRun(db, {
    orgId,
    projectId: project.id,
    triggeredBy: user.id,
    provider: 'openai',
    model: 'gpt-4o-mini',
    inputSnapshot: { kind: 'plan', idea: 'x', constraints: {} },
    queuedAt: new Date(),
    steps: [{ step: 'prd', tokensIn: 700, tokensOut: 400, costUsd: 0.25, latencyMs: 900 }],
  });

  await page.getByRole('link', { name: 'AI settings' }).click();
  await page.getByLabel('Allowed models').fill('gpt-4o-mini, gpt-4.1');
  await page.getByLabel('Monthly budget in tokens').fill('1000');
  await page.getByRole('button', { name: 'Save limits' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  await expect(page.getByText(/offline provider is in use/)).toBeVisible();
  await expect(page.getByText('Paid AI runs are refused')).toHaveCount(0);

  await page.getByRole('link', { name: 'AI usage' }).click();
  await expect(page.getByText('1 calls, 700 in / 400 out tokens, $0.25.')).toBeVisible();
  const chart = page.getByRole('figure', { name: /Tokens and cost per month/ });
  await expect(chart.locator('.recharts-bar-rectangle').first()).toBeVisible();
  await expect(page.getByRole('row', { name: /Alice Owner/ })).toContainText('$0.25');
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download CSV' }).click();
  expect((await download).suggestedFilename()).toMatch(/^ai-usage-\d{4}-\d{2}-\d{2}\.csv$/);

  await page.goto(`${orgPath}/projects/${project.id}/generate`);
  // With an allow-list the model picker offers only the allowed models.
  await expect(page.getByRole('checkbox')).toHaveCount(2);
  await page.getByRole('checkbox', { name: 'gpt-4.1' }).check();
  await expect(page.getByText(/offline provider is in use/)).toBeVisible();
  await page.getByRole('button', { name: 'Generate' }).click();
  await expect(page).toHaveURL(/\/runs\/[0-9A-HJKMNP-TV-Z]{26}$/);
});
