import { randomBytes } from 'node:crypto';
import { type Browser, type BrowserContext, expect, type Page } from '@playwright/test';

export const PASSWORD = 'correct horse battery';

export interface Person {
  name: string;
  email: string;
  context: BrowserContext;
  page: Page;
}

export async function newPerson(browser: Browser, name: string): Promise<Person> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  const email = `${name.toLowerCase().split(' ')[0]}-${randomBytes(4).toString('hex')}@example.com`;
  return { name, email, context, page };
}

/** Fills the sign-up form on the current page (the app sends people there when needed). */
export async function signUp(person: Person): Promise<void> {
  const { page } = person;
  await page.getByLabel('Your name').fill(person.name);
  await page.getByLabel('Work email').fill(person.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-up'));
}

export async function createOrganization(page: Page, name: string): Promise<string> {
  await page.getByLabel('Organisation name').fill(name);
  await page.getByRole('button', { name: 'Create organisation' }).click();
  await page.waitForURL(/\/orgs\/[0-9A-Z]{26}$/);
  return new URL(page.url()).pathname;
}

/** Creates an invitation from the members page and returns the link the UI shows. */
export async function invite(
  page: Page,
  orgPath: string,
  email: string,
  role: string,
): Promise<string> {
  await page.goto(`${orgPath}/members`);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Role', { exact: true }).selectOption(role);
  await page.getByRole('button', { name: 'Create invitation link' }).click();
  const link = page.getByTestId('invitation-link').getByRole('link');
  await expect(link).toBeVisible();
  return (await link.getAttribute('href')) ?? '';
}

/** Opens an invitation link as someone new: sign up on the way, then accept. */
export async function acceptInvitation(person: Person, link: string): Promise<void> {
  const { page } = person;
  await page.goto(link);
  await page.getByRole('link', { name: 'Create an account' }).click();
  await signUp(person);
  await page.getByRole('button', { name: /Accept and open/ }).click();
  await page.waitForURL(/\/orgs\/[0-9A-Z]{26}$/);
}

export function editor(page: Page) {
  return page.locator('[data-testid="editor"] .ProseMirror');
}

/** The document's text without the other people's caret labels drawn into it. */
export function documentText(page: Page): Promise<string> {
  return editor(page).evaluate((element) => {
    const copy = element.cloneNode(true) as HTMLElement;
    for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove();
    return copy.textContent ?? '';
  });
}

/**
 * Types a new paragraph at the end of the document. Focusing (rather than clicking) keeps a
 * click's delayed selection from landing after Ctrl+End has moved the caret.
 */
export async function typeAtEnd(page: Page, text: string): Promise<void> {
  await editor(page).focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type(text);
}
