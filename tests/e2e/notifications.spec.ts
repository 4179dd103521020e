import { expect, type Page, test } from '@playwright/test';
import { createOrganization, invite, newPerson, type Person, signUp } from './app.ts';

test.describe.configure({ mode: 'serial' });

let alice: Person;
let bob: Person;

test.beforeAll(async ({ browser }) => {
  alice = await newPerson(browser, 'Alice Owner');
  bob = await newPerson(browser, 'Bob Builder');
});

test.afterAll(async () => {
  for (const person of [alice, bob]) await person?.context.close();
});

async function signUpWithOrganization(person: Person, orgName: string): Promise<string> {
  await person.page.goto('/sign-up');
  await signUp(person);
  await person.page.goto('/orgs');
  return createOrganization(person.page, orgName);
}

const bell = (page: Page) => page.getByRole('link', { name: /^Inbox/ });

test('an invitation raises the bell without a reload; the inbox opens it and clears the count', async () => {
  const aliceOrg = await signUpWithOrganization(alice, 'Alice Co');
  await signUpWithOrganization(bob, 'Bob Co');

  // The stream is open once the bell knows the count; a reload would drop this marker.
  await expect(bell(bob.page)).toHaveAccessibleName('Inbox, nothing unread');
  await bob.page.evaluate(() => {
    (window as unknown as { stillHere: boolean }).stillHere = true;
  });

  await invite(alice.page, aliceOrg, bob.email, 'editor');
  await expect(bell(bob.page)).toHaveAccessibleName('Inbox, 1 unread');
  // Inviting again mails a fresh link: a second notification, the first link stops working.
  await alice.page.getByLabel('Email', { exact: true }).fill(bob.email);
  await alice.page.getByRole('button', { name: 'Send invitation' }).click();
  await expect(bell(bob.page)).toHaveAccessibleName('Inbox, 2 unread');
  expect(
    await bob.page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere),
  ).toBe(true);

  await bell(bob.page).click();
  await bob.page.waitForURL((url) => url.pathname === '/inbox');
  const items = bob.page.getByRole('list', { name: 'Notifications' }).getByRole('listitem');
  await expect(items).toHaveCount(2);
  await items
    .first()
    .getByRole('button', { name: /You were invited to Alice Co/ })
    .click();
  await bob.page.waitForURL((url) => url.pathname.startsWith('/invitations/'));
  expect(new URL(bob.page.url()).searchParams.get('token')).toBeTruthy();
  await expect(bob.page.getByRole('heading', { name: 'Verify your email first' })).toBeVisible();

  await bob.page.goto('/inbox');
  await expect(bell(bob.page)).toHaveAccessibleName('Inbox, 1 unread');
  await bob.page.getByRole('button', { name: 'Mark all read' }).click();
  await expect(bell(bob.page)).toHaveAccessibleName('Inbox, nothing unread');
  await expect(bob.page.getByRole('button', { name: 'Mark all read' })).toHaveCount(0);
});
