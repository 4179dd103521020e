import { expect, test } from '@playwright/test';
import { mailedLink, newPerson, PASSWORD } from './app.ts';

test('sign up, verify through the mailed link, reset the password and sign in again', async ({
  browser,
}) => {
  const person = await newPerson(browser, 'Mia Mail');
  const { page } = person;
  await page.goto('/sign-up');
  await page.getByLabel('Your name').fill(person.name);
  await page.getByLabel('Work email').fill(person.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  await expect(page.getByText(person.email)).toBeVisible();

  // The link works in a browser that never signed in: it verifies and signs in there.
  const elsewhere = await browser.newContext();
  const other = await elsewhere.newPage();
  await other.goto(await mailedLink(person.email, /^Verify your email/));
  await other.waitForURL(/\/orgs$/);
  await other.goto('/check-email');
  await expect(other.getByRole('heading', { name: 'Your email is verified' })).toBeVisible();
  await elsewhere.close();

  await person.context.clearCookies();
  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Forgot password?' }).click();
  await page.getByLabel('Email').fill(person.email);
  await page.getByRole('button', { name: 'Email me a link' }).click();
  await expect(page.getByText(`If there is an account for ${person.email}`)).toBeVisible();
  await page.goto(await mailedLink(person.email, /^Reset your/));
  await page.getByLabel('New password').fill('a brand new password');
  await page.getByRole('button', { name: 'Save password' }).click();
  await expect(page.getByText('Your password is changed')).toBeVisible();
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill('a brand new password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname !== '/sign-in');
  await person.context.close();
});
