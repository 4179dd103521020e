import { beforeAll, describe, expect, it } from 'vitest';
import { appRequest, outcome, signUpUser, type TestUser } from '../testing/app-fixture.ts';
import { setUpTestApp } from '../testing/org-fixture.ts';
import { signInAction, signUpAction } from './sign-in.server.ts';

setUpTestApp();

let user: TestUser;

beforeAll(async () => {
  process.env.SIGN_IN_ATTEMPTS_PER_MINUTE = '3';
  user = await signUpUser('Ada');
});

describe('sign up', () => {
  it('answers 400 with field messages for a bad form', async () => {
    const result = await outcome(() =>
      signUpAction(
        appRequest('/sign-up', { form: { name: '', email: 'nope', password: 'short' } }),
      ),
    );
    expect(result.status).toBe(400);
    expect(result.body).toEqual({
      ok: false,
      fieldErrors: {
        name: ['Tell us your name'],
        email: ['Enter a valid email address'],
        password: ['Use at least 8 characters'],
      },
    });
  });

  it('refuses a second account for the same email', async () => {
    const form = { name: 'Ada again', email: user.email, password: 'another password' };
    const result = await outcome(() => signUpAction(appRequest('/sign-up', { form })));
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({
      fieldErrors: { email: [expect.stringContaining('already exists')] },
    });
  });
});

describe('sign in', () => {
  it('sets an httpOnly SameSite=Lax session cookie and goes where the user was headed', async () => {
    const request = appRequest('/sign-in', {
      form: { email: user.email, password: 'correct horse battery', redirectTo: '/orgs' },
    });
    const response = await signInAction(request);
    expect(response).toBeInstanceOf(Response);
    const res = response as Response;
    expect(res.headers.get('location')).toBe('/orgs');
    const cookie = res.headers.getSetCookie().find((c) => c.includes('session_token')) ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it('never redirects to another site after signing in, however the path is written', async () => {
    const request = appRequest('/sign-in', {
      form: { email: user.email, password: 'correct horse battery', redirectTo: '/\\evil.example' },
    });
    const location = ((await signInAction(request)) as Response).headers.get('location') ?? '';
    // Resolved as a browser resolves a Location header: still this app.
    expect(new URL(location, 'http://specboard.test').origin).toBe('http://specboard.test');
  });

  it('says the credentials do not match, then rate-limits repeated attempts', async () => {
    const target = await signUpUser('Target');
    const attempt = () =>
      outcome(() =>
        signInAction(
          appRequest('/sign-in', { form: { email: target.email, password: 'wrong password' } }),
        ),
      );
    const first = await attempt();
    expect(first.status).toBe(401);
    expect(first.body).toMatchObject({
      fieldErrors: { form: ['That email and password do not match.'] },
    });
    await attempt();
    await attempt();
    const limited = await attempt();
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({
      fieldErrors: { form: [expect.stringMatching(/Too many attempts/)] },
    });
  });

  it('keeps counting per account when the client claims a new address each time', async () => {
    const target = await signUpUser('Spoofed');
    const statuses: number[] = [];
    for (const address of ['203.0.113.1', '203.0.113.2', '203.0.113.3', '203.0.113.4']) {
      const request = appRequest('/sign-in', {
        form: { email: target.email.toUpperCase(), password: 'wrong password' },
      });
      request.headers.set('x-forwarded-for', address);
      statuses.push((await outcome(() => signInAction(request))).status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it('refuses a sign-in form posted from another origin', async () => {
    const request = appRequest('/sign-in', {
      form: { email: user.email, password: 'x' },
      origin: 'https://evil.example',
    });
    expect((await outcome(() => signInAction(request))).status).toBe(403);
  });
});
