import { recordFinishedPlanRun } from '@specboard/db/finished-runs';
import { newId } from '@specboard/db/ids';
import { createVersion } from '@specboard/db/versions';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../db.server.ts';
import { BASE_URL, outcome, type TestUser } from '../testing/app-fixture.ts';
import { orgWithMembers, projectWithDocument, setUpTestApp } from '../testing/org-fixture.ts';

setUpTestApp();

type Params = Record<string, string>;
type Action = (args: { request: Request; params: Params; context: unknown }) => Promise<unknown>;

const modules = import.meta.glob<Record<string, unknown>>('./*.{ts,tsx}', { eager: true });

function isAction(value: unknown): value is Action {
  return typeof value === 'function';
}

/** Every route module's action, by file name without extension. */
const actions = new Map<string, Action>();
for (const [file, module] of Object.entries(modules)) {
  if (file.endsWith('.test.ts') || !isAction(module.action)) continue;
  actions.set(file.replace(/^\.\/|\.tsx?$/g, ''), module.action);
}

type Ids = Record<
  'orgId' | 'projectId' | 'documentId' | 'versionId' | 'runId' | 'invitationId',
  string
>;

interface Fixture {
  owner: TestUser;
  ids: Ids;
}

interface Shape {
  /** Sent with the owner's session; false for the sign-in family of forms. */
  signedIn: boolean;
  params: (keyof Ids)[];
  /** Where it is posted, when the action looks at its own URL. */
  path?: string;
}

/** The actions that read a form, with who posts and the route params. */
const formActions: Record<string, Shape> = {
  'check-email': { signedIn: true, params: [] },
  document: { signedIn: true, params: ['orgId', 'documentId'] },
  'forgot-password': { signedIn: false, params: [] },
  'generate-suggestions': { signedIn: true, params: ['orgId', 'documentId'] },
  generate: { signedIn: true, params: ['orgId', 'projectId'] },
  history: { signedIn: true, params: ['orgId', 'documentId'] },
  inbox: { signedIn: true, params: [] },
  'notification-settings': { signedIn: true, params: [] },
  'org-ai': { signedIn: true, params: ['orgId'] },
  'org-integrations': { signedIn: true, params: ['orgId'] },
  'org-members': { signedIn: true, params: ['orgId'] },
  'org-projects': { signedIn: true, params: ['orgId'] },
  'org-templates': { signedIn: true, params: ['orgId'] },
  'org-trash': { signedIn: true, params: ['orgId'] },
  orgs: { signedIn: true, params: [] },
  project: { signedIn: true, params: ['orgId', 'projectId'] },
  'reset-password': { signedIn: false, params: [] },
  run: { signedIn: true, params: ['orgId', 'runId'] },
  'sign-in': { signedIn: false, params: [] },
  'sign-up': { signedIn: false, params: [] },
  version: { signedIn: true, params: ['orgId', 'documentId', 'versionId'] },
};

/** Actions that never read a form: better-auth's own endpoints, JSON or signed bodies, none. */
const otherActions: Record<string, Shape> = {
  'api-auth': { signedIn: false, params: [], path: '/api/auth/sign-in/email' },
  'board-sync-token': { signedIn: true, params: ['orgId', 'projectId'] },
  'comments-sync-token': { signedIn: true, params: ['orgId', 'documentId'] },
  'document-comments': { signedIn: true, params: ['orgId', 'documentId'] },
  'document-edits': { signedIn: true, params: ['orgId', 'documentId'] },
  invitation: { signedIn: true, params: ['invitationId'] },
  'notification-unsubscribe': { signedIn: false, params: [] },
  'sign-out': { signedIn: true, params: [] },
  'sync-token': { signedIn: true, params: ['orgId', 'documentId'] },
  // Called by a tracker's servers, not a browser: its body's signature is the check.
  'tracker-webhook': { signedIn: false, params: [] },
};

const bodies = {
  json: {
    headers: { 'content-type': 'application/json' },
    body: '{"intent":"update"}',
    cause: /not a form: its Content-Type is application\/json/,
  },
  empty: { headers: {}, body: null, cause: /not a form: the body is empty/ },
  'malformed multipart': {
    headers: { 'content-type': 'multipart/form-data; boundary=cut' },
    body: '--cut\r\nContent-Disposition: form-data; name="intent"\r\n\r\nupdate',
    cause: /not a form: its multipart\/form-data body is malformed/,
  },
  // Postgres text cannot hold U+0000: the write failed with a 500.
  'NUL-carrying form': {
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'intent=update&name=a%00b&title=a%00b',
    cause: /field "name" contains a NUL character/,
  },
};

let fixture: Fixture;

beforeAll(async () => {
  const { orgId, users } = await orgWithMembers({ roles: [] });
  const { project, document } = await projectWithDocument({ orgId, createdBy: users.owner.id });
  const version = await createVersion(db(), {
    orgId,
    documentId: document.id,
    label: null,
    trigger: 'manual',
    yState: new Uint8Array([0, 0]),
    contentJson: { type: 'doc' },
    contentMd: '## Goals',
    createdBy: users.owner.id,
  });
  if (!version) throw new Error(`no version created for document ${document.id}`);
  const { run } = await recordFinishedPlanRun(db(), {
    orgId,
    projectId: project.id,
    triggeredBy: users.owner.id,
    provider: 'openai',
    model: 'gpt-4o-mini',
    inputSnapshot: { kind: 'plan', idea: 'x', constraints: {} },
    queuedAt: new Date(),
    steps: [{ step: 'prd', tokensIn: 1, tokensOut: 1, costUsd: 0, latencyMs: 1 }],
  });
  fixture = {
    owner: users.owner,
    ids: {
      orgId,
      projectId: project.id,
      documentId: document.id,
      versionId: version.id,
      runId: run.id,
      invitationId: newId(),
    },
  };
});

/** A POST to `route`'s action as the fixture's owner (or nobody), from `origin`. */
function post(
  route: string,
  shape: Shape,
  init: { origin: string; headers: HeadersInit; body: BodyInit | null },
) {
  const request = new Request(`${BASE_URL}${shape.path ?? `/posted-to/${route}`}`, {
    method: 'POST',
    headers: {
      origin: init.origin,
      ...Object.fromEntries(new Headers(init.headers)),
      ...(shape.signedIn ? { cookie: fixture.owner.cookie } : {}),
    },
    body: init.body,
  });
  const action = actions.get(route);
  if (!action) throw new Error(`route ${route} has no action`);
  const params = Object.fromEntries(shape.params.map((name) => [name, fixture.ids[name]]));
  return outcome(() => action({ request, params, context: undefined }));
}

describe('every action that takes a form', () => {
  it('is listed here, so a new action cannot skip these tests', () => {
    expect([...actions.keys()].sort()).toEqual(
      [...Object.keys(formActions), ...Object.keys(otherActions)].sort(),
    );
  });

  const cases = Object.keys(formActions).flatMap((route) =>
    Object.keys(bodies).map((kind) => [route, kind] as [string, keyof typeof bodies]),
  );

  it.each(cases)('%s answers a %s body with 400 naming the cause, not 500', async (route, kind) => {
    const shape = formActions[route];
    if (!shape) throw new Error(`route ${route} is not listed`);
    const { headers, body, cause } = bodies[kind];
    const result = await post(route, shape, { origin: BASE_URL, headers, body });
    expect(result).toMatchObject({ status: 400, body: expect.stringMatching(cause) });
  });
});

describe('every action a browser posts to', () => {
  const browserActions = Object.entries({ ...formActions, ...otherActions }).filter(
    ([route]) => route !== 'tracker-webhook',
  );

  it.each(browserActions)('%s refuses a post from another site (403)', async (route, shape) => {
    const result = await post(route, shape, {
      origin: 'https://evil.example',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'intent=delete&email=someone%40example.com&password=x',
    });
    expect(result.status).toBe(403);
  });
});
