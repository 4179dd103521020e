import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, isRunnableDevEnvironment, type ViteDevServer } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, signUpUser } from '../testing/app-fixture.ts';
import { setUpTestApp } from '../testing/org-fixture.ts';

// The real app over real HTTP: the Vite dev server with React Router's plugin, as `pnpm dev`
// runs it, against this file's database. Requests reach it through a socket, so the client
// address is the TCP peer (127.0.0.1) whatever X-Forwarded-For claims.

const webRoot = fileURLToPath(new URL('../..', import.meta.url));
const PASSWORD = 'correct horse battery';
const LIMIT = 3;

let server: ViteDevServer | undefined;
let cacheDir: string | undefined;
let origin = '';

setUpTestApp({
  cleanUp: async () => {
    const ssr = server?.environments.ssr;
    if (ssr && isRunnableDevEnvironment(ssr)) {
      // The app inside the dev server holds its own pool on this file's database.
      const module: unknown = await ssr.runner.import('/app/db.server.ts');
      if (isDbModule(module)) await module.db().destroy();
    }
    await server?.close();
    if (cacheDir) await rm(cacheDir, { recursive: true, force: true });
  },
});

function isDbModule(value: unknown): value is typeof import('../db.server.ts') {
  return typeof value === 'object' && value !== null && 'db' in value;
}

beforeAll(async () => {
  process.env.SIGN_IN_ATTEMPTS_PER_MINUTE = String(LIMIT);
  cacheDir = await mkdtemp(join(tmpdir(), 'specboard-http-edge-'));
  server = await createServer({
    root: webRoot,
    configFile: join(webRoot, 'vite.config.ts'),
    mode: 'development',
    cacheDir,
    logLevel: 'silent',
    server: { host: '127.0.0.1', port: 0, strictPort: true, hmr: false },
  });
  await server.listen();
  const local = server.resolvedUrls?.local[0];
  if (!local) throw new Error('the dev server has no local address');
  origin = new URL(local).origin;
  // The first request loads the server build, whose entry starts recording peer addresses.
  await (await fetch(`${origin}/sign-in`)).text();
}, 120_000);

let spoofCounter = 0;
/** A different made-up client address on every call, as an attacker would send. */
function spoofedAddress(): string {
  spoofCounter += 1;
  return `203.0.113.${spoofCounter % 250}, 198.51.100.${spoofCounter % 250}`;
}

function apiSignIn(email: string, password: string): Promise<Response> {
  return fetch(`${origin}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      origin: BASE_URL,
      'x-forwarded-for': spoofedAddress(),
    },
    body: JSON.stringify({ email, password }),
  });
}

function formSignIn(email: string, password: string): Promise<Response> {
  return fetch(`${origin}/sign-in`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin,
      'x-forwarded-for': spoofedAddress(),
    },
    body: new URLSearchParams({ email, password }),
    redirect: 'manual',
  });
}

function expectSecurityHeaders(response: Response): void {
  const csp = response.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}'/);
  expect(csp).toMatch(/connect-src [^;]*ws:\/\/sync\.test/);
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('referrer-policy')).toBe('same-origin');
}

describe('sign-in limits over HTTP', () => {
  it('refuses API guesses after the limit however X-Forwarded-For changes, with Retry-After', async () => {
    const target = await signUpUser('API target');
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i <= LIMIT; i += 1) {
      last = await apiSignIn(target.email, 'wrong password');
      statuses.push(last.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await last?.json()).toMatchObject({ message: expect.stringMatching(/Try again in/) });
    // The right password does not get through either while the account is locked.
    expect((await apiSignIn(target.email, PASSWORD)).status).toBe(429);
  });

  it('refuses form guesses after the limit with a form error naming the wait', async () => {
    const target = await signUpUser('Form target');
    const statuses: number[] = [];
    let page = '';
    for (let i = 0; i <= LIMIT; i += 1) {
      const response = await formSignIn(target.email, 'wrong password');
      statuses.push(response.status);
      page = await response.text();
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    expect(page).toMatch(/Too many attempts\. Try again in \d+ seconds?\./);
  });

  it('counts one client spraying many accounts, whatever address it claims', async () => {
    const statuses: number[] = [];
    // The address budget is 5 × the account limit; earlier tests spent part of it.
    for (let i = 0; i < 5 * LIMIT + 1; i += 1) {
      const email = `nobody-${randomBytes(4).toString('hex')}@example.com`;
      statuses.push((await apiSignIn(email, 'wrong password')).status);
    }
    expect(statuses).toContain(429);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe('better-auth endpoints', () => {
  it.each([
    ['GET', '/api/auth/get-session'],
    ['GET', '/api/auth/list-sessions'],
    ['POST', '/api/auth/organization/create'],
    ['POST', '/api/auth/update-user'],
    ['GET', '/api/auth/sign-in/email'],
  ])('answers 404 to %s %s, which no browser needs', async (method, path) => {
    const response = await fetch(`${origin}${path}`, {
      method,
      headers: { origin: BASE_URL, 'content-type': 'application/json' },
      body: method === 'POST' ? '{}' : undefined,
    });
    expect(response.status).toBe(404);
    expectSecurityHeaders(response);
  });
});

describe('headers and body limits', () => {
  it('puts the security headers on a page, and the nonce on each of its scripts', async () => {
    const response = await fetch(`${origin}/sign-in`);
    expect(response.status).toBe(200);
    expectSecurityHeaders(response);
    const nonce = /'nonce-([^']+)'/.exec(response.headers.get('content-security-policy') ?? '');
    const scripts = (await response.text()).match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce?.[1]}"`);
  });

  it('puts them on a resource route and on an error page', async () => {
    const resource = await apiSignIn('someone@example.com', 'wrong password');
    expect(resource.headers.get('content-type')).toMatch(/json/);
    expectSecurityHeaders(resource);
    const missing = await fetch(`${origin}/no-such-page`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('Nothing here');
    expectSecurityHeaders(missing);
  });

  it('refuses an oversized form post with 413 before the action runs', async () => {
    const huge = new URLSearchParams({ email: 'a@example.com', password: 'x'.repeat(2 ** 21) });
    const response = await fetch(`${origin}/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
      body: huge,
    });
    expect(response.status).toBe(413);
    expect(await response.text()).toContain('too large');
    expectSecurityHeaders(response);
  });

  it('counts a body sent without Content-Length while reading it', async () => {
    // node:http, not fetch: fetch waits for the whole upload before it reads the answer.
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const upload = request(`${origin}/api/auth/sign-in/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: BASE_URL },
      });
      upload.on('error', reject);
      upload.on('response', (response) => {
        resolve(response.statusCode);
        upload.destroy();
      });
      const chunk = Buffer.alloc(64 * 1024, 'x');
      const send = (left: number) => {
        if (left === 0 || upload.destroyed) return upload.end();
        upload.write(chunk, () => send(left - 1));
      };
      send(64);
    });
    expect(status).toBe(413);
  });
});
