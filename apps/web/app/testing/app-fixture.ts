import { randomBytes } from 'node:crypto';
import type { OrgRole } from '@specboard/db';
import { addMember } from '@specboard/db/organizations';
import { createTestDatabase, type TestDatabase } from '@specboard/db/testing';
import { auth } from '../auth/auth.server.ts';
import { db } from '../db.server.ts';

export const BASE_URL = 'http://specboard.test';

export interface TestAppOptions {
  /**
   * The worker's AI endpoint as the app is told of it (OPENAI_BASE_URL). Unset: none, whatever
   * the shell says, so runs are the free offline templates and no budget refuses them.
   */
  aiEndpoint?: string;
}

/**
 * A fresh migrated database for this test file, with the app's environment pointing at it.
 * Call before anything touches `env()` or `db()` (both are read lazily).
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestDatabase> {
  const database = await createTestDatabase();
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    BASE_URL,
    BETTER_AUTH_SECRET: randomBytes(24).toString('hex'),
    SYNC_TOKEN_SECRET: randomBytes(24).toString('hex'),
    SYNC_PUBLIC_URL: 'ws://sync.test',
    LOG_LEVEL: 'silent',
    // Blank values count as unset.
    OPENAI_API_KEY: '',
    OPENAI_BASE_URL: options.aiEndpoint ?? '',
  });
  return {
    ...database,
    drop: async () => {
      await db().destroy();
      await database.drop();
    },
  };
}

export interface TestUser {
  id: string;
  email: string;
  cookie: string;
}

let counter = 0;

/** Signs a new user up through the auth library and keeps their session cookie. */
export async function signUpUser(name = 'Test User'): Promise<TestUser> {
  counter += 1;
  const email = `user${counter}-${randomBytes(4).toString('hex')}@example.com`;
  const { headers, response } = await auth().api.signUpEmail({
    body: { name, email, password: 'correct horse battery' },
    returnHeaders: true,
  });
  const cookie = headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { id: response.user.id, email, cookie };
}

/** An organisation owned by `owner`, with one member per other role. */
export async function createOrgWithRoles(
  owner: TestUser,
  others: Partial<Record<OrgRole, TestUser>>,
) {
  const org = await auth().api.createOrganization({
    body: { name: 'Acme', slug: `acme-${randomBytes(4).toString('hex')}` },
    headers: new Headers({ cookie: owner.cookie }),
  });
  if (!org) throw new Error('organisation not created');
  for (const [role, user] of Object.entries(others) as [OrgRole, TestUser][]) {
    await addMember(db(), { orgId: org.id, userId: user.id, role });
  }
  return org.id;
}

interface RequestOptions {
  user?: TestUser;
  form?: Record<string, string>;
  origin?: string | null;
}

/** A request as a browser on this app would send it (same origin unless told otherwise). */
export function appRequest(path: string, options: RequestOptions = {}): Request {
  const headers = new Headers();
  if (options.user) headers.set('cookie', options.user.cookie);
  if (!options.form) return new Request(`${BASE_URL}${path}`, { headers });
  if (options.origin !== null) headers.set('origin', options.origin ?? BASE_URL);
  return new Request(`${BASE_URL}${path}`, {
    method: 'POST',
    headers,
    body: new URLSearchParams(options.form),
  });
}

/** Runs a loader or action and returns what it threw or returned, as status + body. */
export async function outcome(
  run: () => Promise<unknown>,
): Promise<{ status: number; body: unknown; location?: string | null }> {
  try {
    return describe(await run(), 200);
  } catch (thrown) {
    return describe(thrown, 500, thrown);
  }
}

function describe(value: unknown, fallback: number, error?: unknown) {
  if (value instanceof Response) {
    return { status: value.status, body: undefined, location: value.headers.get('location') };
  }
  if (isDataWithResponseInit(value)) {
    return { status: value.init?.status ?? 200, body: value.data };
  }
  if (error) throw error;
  return { status: fallback, body: value };
}

function isDataWithResponseInit(
  value: unknown,
): value is { data: unknown; init: ResponseInit | null } {
  return (
    typeof value === 'object' &&
    value !== null &&
    'type' in value &&
    value.type === 'DataWithResponseInit'
  );
}
