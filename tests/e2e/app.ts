import { randomBytes } from 'node:crypto';
import { type Browser, type BrowserContext, expect, type Page } from '@playwright/test';
import { createDb } from '@specboard/db';
import { listOutboxMessages } from '@specboard/db/dev-outbox';

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

/**
 * Fills the sign-up form on the current page (the app sends people there when needed), then
 * continues past "check your email" without verifying: unverified accounts may work, only
 * joining by invitation needs verification (see `verifyEmail`).
 */
export async function signUp(person: Person): Promise<void> {
  const { page } = person;
  await page.getByLabel('Your name').fill(person.name);
  await page.getByLabel('Work email').fill(person.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL((url) => url.pathname === '/check-email');
  await page.getByRole('link', { name: 'Continue to Specboard' }).click();
  await page.waitForURL((url) => url.pathname !== '/check-email');
}

/**
 * The only link of the newest mail to `email` whose subject matches. The apps run without
 * SMTP_URL, so mail is kept in the dev outbox table of the test database.
 */
export async function mailedLink(email: string, subject: RegExp): Promise<string> {
  const url = process.env.E2E_DATABASE_URL;
  if (!url)
    throw new Error('E2E_DATABASE_URL is not set: run through `pnpm --filter @specboard/e2e test`');
  const db = createDb(url, { max: 1 });
  try {
    let link: string | undefined;
    await expect
      .poll(async () => {
        const messages = await listOutboxMessages(db, { to: email });
        link = messages.find((m) => subject.test(m.subject))?.links[0];
        return link;
      })
      .toBeTruthy();
    return link ?? '';
  } finally {
    await db.destroy();
  }
}

/** Opens the verification link mailed at sign-up; it signs in and goes where sign-up was headed. */
export async function verifyEmail(person: Person): Promise<void> {
  await person.page.goto(await mailedLink(person.email, /^Verify your email/));
}

export async function createOrganization(page: Page, name: string): Promise<string> {
  await page.getByLabel('Organisation name').fill(name);
  await page.getByRole('button', { name: 'Create organisation' }).click();
  await page.waitForURL(/\/orgs\/[0-9A-Z]{26}$/);
  return new URL(page.url()).pathname;
}

/** Invites from the members page and returns the link mailed to `email`. */
export async function invite(
  page: Page,
  orgPath: string,
  email: string,
  role: string,
): Promise<string> {
  await page.goto(`${orgPath}/members`);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Role', { exact: true }).selectOption(role);
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await expect(page.getByTestId('invitation-sent')).toContainText(email);
  return mailedLink(email, /invited you/);
}

/** Opens an invitation link as someone new: sign up and verify the email on the way, then accept. */
export async function acceptInvitation(person: Person, link: string): Promise<void> {
  const { page } = person;
  await page.goto(link);
  await page.getByRole('link', { name: 'Create an account' }).click();
  await signUp(person);
  await expect(page.getByRole('heading', { name: 'Verify your email first' })).toBeVisible();
  await verifyEmail(person);
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
 * click's delayed selection from landing after Ctrl+End has moved the caret; the caret is then
 * checked to be in the last block before anything is typed, since content arriving late (the
 * first sync, the local copy) can move a selection made too early.
 */
export async function typeAtEnd(page: Page, text: string): Promise<void> {
  const surface = editor(page);
  await expect(async () => {
    await surface.focus();
    await page.keyboard.press('Control+End');
    const atEnd = await surface.evaluate((element) => {
      const anchor = document.getSelection()?.anchorNode ?? null;
      const last = element.lastElementChild;
      return last !== null && anchor !== null && last.contains(anchor);
    });
    expect(atEnd).toBe(true);
  }).toPass({ timeout: 10_000 });
  await pressEnter(page);
  await page.keyboard.type(text);
}

/**
 * Presses Enter in the editor and waits until the browser has reported the caret's move.
 * ProseMirror learns where the caret went from the browser's `selectionchange` event. A key
 * typed before that event fires (Playwright types within milliseconds of Enter; a person does
 * not) lands in Chromium's stale DOM selection: when the new paragraph carries a stored mark
 * (Enter after the templates' italic guidance keeps italic), ProseMirror redraws the character
 * in its mark and puts the caret before it, so "Written" became "ritten…W".
 */
export async function pressEnter(page: Page): Promise<void> {
  await afterCaretMoves(page, () => page.keyboard.press('Enter'));
}

/**
 * Waits until the caret the browser shows is inside `selector` (after a Markdown shortcut such
 * as "- " rebuilt the block) and a frame has passed, so the `selectionchange` of that rebuild
 * has reached ProseMirror before the next key (see {@link pressEnter}).
 */
export async function waitForCaretIn(page: Page, selector: string): Promise<void> {
  await page.waitForFunction((inside) => {
    const anchor = document.getSelection()?.anchorNode ?? null;
    const element = anchor instanceof Element ? anchor : (anchor?.parentElement ?? null);
    return element?.closest(inside) !== null && element !== null;
  }, selector);
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
}

async function afterCaretMoves(page: Page, act: () => Promise<void>): Promise<void> {
  const caretMoves = await countCaretMoves(page);
  await act();
  await page.waitForFunction(
    (before) => (window as unknown as CaretMoveCounter).__caretMoves > before,
    caretMoves,
  );
}

type CaretMoveCounter = typeof globalThis & { __caretMoves: number };

/** How many `selectionchange` events the page has seen (counting from the first call). */
function countCaretMoves(page: Page): Promise<number> {
  return page.evaluate(() => {
    const counter = window as unknown as CaretMoveCounter;
    if (counter.__caretMoves === undefined) {
      counter.__caretMoves = 0;
      document.addEventListener('selectionchange', () => {
        counter.__caretMoves += 1;
      });
    }
    return counter.__caretMoves;
  });
}
