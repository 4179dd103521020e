import { listOutboxMessages } from '@specboard/db/dev-outbox';
import { describe, expect, it } from 'vitest';
import { db } from '../db.server.ts';
import { ACCOUNT_MAILS_PER_ADDRESS_PER_HOUR } from '../mail/account-mail-limit.ts';
import { devOutboxLoader } from '../mail/outbox.server.ts';
import { cookieOf, lastMailTo, linkOf, openAuthLink } from '../mail/outbox.testing.ts';
import { appRequest, BASE_URL, outcome } from '../testing/app-fixture.ts';
import { setUpTestApp } from '../testing/org-fixture.ts';
import { auth } from './auth.server.ts';
import {
  checkEmailLoader,
  forgotPasswordAction,
  resendVerificationAction,
  resetPasswordAction,
  resetPasswordLoader,
} from './email-flows.server.ts';
import { signInAction, signUpAction } from './sign-in.server.ts';

setUpTestApp();

const PASSWORD = 'correct horse battery';
let counter = 0;
const freshEmail = () => `mail${++counter}-${Date.now()}@example.com`;

async function signUp(email: string, redirectTo = '/orgs') {
  const form = { name: 'Grace', email, password: PASSWORD, redirectTo };
  const response = await signUpAction(appRequest('/sign-up', { form }));
  if (!(response instanceof Response)) throw new Error('sign-up did not redirect');
  return response;
}

function signIn(email: string, password: string) {
  return outcome(() => signInAction(appRequest('/sign-in', { form: { email, password } })));
}

async function verifiedFlag(cookie: string) {
  const session = await auth().api.getSession({ headers: new Headers({ cookie }) });
  return session?.user.emailVerified;
}

describe('sign-up and email verification', () => {
  it('asks to check the email, and the mailed link verifies and signs in', async () => {
    const email = freshEmail();
    const signedUp = await signUp(email, '/orgs/somewhere');
    expect(signedUp.headers.get('location')).toBe('/check-email?redirectTo=%2Forgs%2Fsomewhere');
    const firstCookie = cookieOf(signedUp);
    expect(await verifiedFlag(firstCookie)).toBe(false);
    const page = await outcome(() =>
      checkEmailLoader(
        new Request(`${BASE_URL}/check-email?redirectTo=%2Forgs%2Fsomewhere`, {
          headers: { cookie: firstCookie },
        }),
      ),
    );
    expect(page.body).toEqual({
      email,
      verified: false,
      next: '/orgs/somewhere',
      devOutbox: true,
    });

    const mail = await lastMailTo(email, /^Verify your email/);
    // Opened in another browser: no cookie, yet the link signs in and goes where sign-up was headed.
    const opened = await openAuthLink(linkOf(mail));
    expect(opened.status).toBe(302);
    expect(opened.headers.get('location')).toBe('/orgs/somewhere');
    expect(await verifiedFlag(cookieOf(opened))).toBe(true);
    expect(await verifiedFlag(firstCookie)).toBe(true);

    expect((await signIn(email, PASSWORD)).status).toBe(302);
  });

  it('never puts the name typed at sign-up into the mail (the address may be a stranger’s)', async () => {
    const email = freshEmail();
    const name = 'Locked. Unlock at https://evil.example/unlock';
    const form = { name, email, password: PASSWORD, redirectTo: '/orgs' };
    expect(await signUpAction(appRequest('/sign-up', { form }))).toBeInstanceOf(Response);
    await outcome(() => forgotPasswordAction(appRequest('/forgot-password', { form: { email } })));
    const mails = await listOutboxMessages(db(), { to: email });
    expect(mails.map((m) => m.subject)).toEqual([
      'Reset your Specboard password',
      'Verify your email for Specboard',
    ]);
    for (const mail of mails) expect(mail.body).not.toContain('evil.example');
  });

  it('refuses a verification link that was tampered with', async () => {
    const email = freshEmail();
    await signUp(email);
    const link = new URL(linkOf(await lastMailTo(email, /^Verify/)));
    link.searchParams.set('token', `${link.searchParams.get('token')}x`);
    const opened = await openAuthLink(link.toString());
    expect(opened.headers.get('location') ?? '').toContain('error=');
    const { user } = await auth().api.signInEmail({ body: { email, password: PASSWORD } });
    expect(user.emailVerified).toBe(false);
  });
});

describe('sending the verification link again', () => {
  it('is counted like sign-in attempts, so an unverified account cannot flood an inbox', async () => {
    const email = freshEmail();
    const cookie = cookieOf(await signUp(email));
    const resend = () =>
      outcome(() =>
        resendVerificationAction(
          new Request(`${BASE_URL}/check-email`, {
            method: 'POST',
            headers: { cookie, origin: BASE_URL },
            body: new URLSearchParams({ redirectTo: '/orgs' }),
          }),
        ),
      );
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 11; attempt++) statuses.push((await resend()).status);
    // Sign-up counted once: nine more links, then the wait.
    expect(statuses).toEqual([...Array(9).fill(200), 429, 429]);
    expect(await resend()).toMatchObject({
      body: { fieldErrors: { form: [expect.stringMatching(/^Too many attempts/)] } },
    });
    // The link at sign-up and four more: the address's hourly share of account mail.
    expect(await listOutboxMessages(db(), { to: email })).toHaveLength(
      ACCOUNT_MAILS_PER_ADDRESS_PER_HOUR,
    );
  });
});

describe('password reset', () => {
  it('mails a link that leads to a new password; the old one, its sessions and the link stop working', async () => {
    const email = freshEmail();
    const sessionBefore = cookieOf(await signUp(email));
    const asked = await outcome(() =>
      forgotPasswordAction(
        appRequest('/forgot-password', { form: { email: email.toUpperCase() } }),
      ),
    );
    expect(asked.body).toMatchObject({ ok: true });

    const opened = await openAuthLink(linkOf(await lastMailTo(email, /^Reset your/)));
    expect(opened.status).toBe(302);
    const landing = new URL(opened.headers.get('location') ?? '', BASE_URL);
    expect(landing.pathname).toBe('/reset-password');
    const { token } = resetPasswordLoader(new Request(landing));
    expect(token).toEqual(expect.any(String));

    const reset = (password: string) =>
      outcome(() =>
        resetPasswordAction(
          appRequest('/reset-password', { form: { token: token ?? '', password } }),
        ),
      );
    expect(await reset('a brand new password')).toMatchObject({
      status: 302,
      location: '/sign-in?reset=done',
    });
    expect(await auth().api.getSession({ headers: new Headers({ cookie: sessionBefore }) })).toBe(
      null,
    );
    expect((await signIn(email, PASSWORD)).status).toBe(401);
    expect((await signIn(email, 'a brand new password')).status).toBe(302);
    const again = await reset('yet another password');
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ fieldErrors: { form: [expect.stringMatching(/expired/)] } });
  });

  it('mails one address a few links an hour, however often it is asked, and answers the same', async () => {
    const email = freshEmail();
    await signUp(email);
    const ask = () =>
      outcome(() => forgotPasswordAction(appRequest('/forgot-password', { form: { email } })));
    for (let attempt = 0; attempt < ACCOUNT_MAILS_PER_ADDRESS_PER_HOUR + 2; attempt++) {
      expect(await ask()).toMatchObject({ status: 200, body: { ok: true, email } });
    }
    const resets = (await listOutboxMessages(db(), { to: email })).filter((m) =>
      m.subject.startsWith('Reset your'),
    );
    // The verification mail at sign-up took one of the address's share.
    expect(resets).toHaveLength(ACCOUNT_MAILS_PER_ADDRESS_PER_HOUR - 1);
  });

  it('answers the same for an unknown address, and mails nothing', async () => {
    const email = freshEmail();
    const asked = await outcome(() =>
      forgotPasswordAction(appRequest('/forgot-password', { form: { email } })),
    );
    expect(asked).toMatchObject({ status: 200, body: { ok: true, email } });
    expect(await listOutboxMessages(db(), { to: email })).toEqual([]);
  });
});

describe('the dev outbox page', () => {
  it('lists every message with its links, newest first', async () => {
    const email = freshEmail();
    await signUp(email);
    const { messages } = await devOutboxLoader();
    expect(messages[0]).toMatchObject({
      to: email,
      subject: 'Verify your email for Specboard',
      links: [expect.stringMatching(/^http:\/\/specboard\.test\/api\/auth\/verify-email\?token=/)],
    });
  });
});
