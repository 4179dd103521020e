import { expect, test } from '@playwright/test';
import { createOrganization, newPerson, signUp, typeAtEnd } from './app.ts';

// run-e2e.ts gives the web app short-lived sync tokens, so their expiry falls inside this test.
const ttlSeconds = Number(process.env.E2E_SYNC_TOKEN_TTL_SECONDS ?? 30);

test('an open editor outlives its sync token, and reconnects with a fresh one', async ({
  browser,
}) => {
  test.setTimeout((ttlSeconds + 60) * 1000);
  const person = await newPerson(browser, 'Tess Token');
  const { page } = person;
  try {
    await page.goto('/sign-up');
    await signUp(person);
    await createOrganization(page, 'Token Co');
    await page.getByLabel('Name', { exact: true }).fill('Refresh');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByLabel('Type', { exact: true }).selectOption('notes');
    await page.getByLabel('Title', { exact: true }).fill('Long session');
    await page.getByRole('button', { name: 'Create document' }).click();
    await page.waitForURL(/\/documents\/[0-9A-Z]{26}$/);

    const state = page.getByTestId('connection-state');
    await expect(state).toHaveText('Connected');
    let sockets = 0;
    let refreshes = 0;
    // The document's own socket; the page also opens one for its comments (`comments:<id>`).
    page.on('websocket', (socket) => {
      if (decodeURIComponent(socket.url()).includes('/collab/doc:')) sockets += 1;
    });
    page.on('requestfinished', (request) => {
      if (request.url().endsWith('/sync-token')) refreshes += 1;
    });

    // Past the first token's expiry: the socket it opened stays up, new tokens arrive meanwhile.
    await page.waitForTimeout((ttlSeconds + 5) * 1000);
    await expect(state).toHaveText('Connected');
    expect(sockets).toBe(0);
    expect(refreshes).toBeGreaterThan(0);

    // A reconnect presents the refreshed token: one new socket, accepted at once (an expired
    // token would be refused with 4401 and need a second socket).
    await person.context.setOffline(true);
    await expect(state).toHaveText('Offline');
    await person.context.setOffline(false);
    await expect(state).toHaveText('Connected');
    expect(sockets).toBe(1);
    await typeAtEnd(page, 'Still saving.');
    await page.reload();
    await expect(page.locator('[data-testid="editor"] .ProseMirror')).toContainText(
      'Still saving.',
    );
  } finally {
    await person.context.close();
  }
});
