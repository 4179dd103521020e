import { createHmac, randomBytes } from 'node:crypto';
import { createIntegration, findMapping } from '@specboard/db/integrations';
import { createTenant, createTestDatabase, type TestDatabase } from '@specboard/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealCredentials } from '../credentials.ts';
import type { OutgoingCard } from '../outgoing-card.ts';
import { RateLimitedError } from '../rate-limit.ts';
import { createSecretBox } from '../secret-box.ts';
import { FakeGitHub } from '../testing/fake-github.ts';
import { githubColumnFor, githubIssueEventSchema, verifyGitHubSignature } from './inbound.ts';
import { pushCardsToGitHub } from './push.ts';

let t: TestDatabase;
let github: FakeGitHub;
const box = createSecretBox({ id: 'test', key: randomBytes(32) });
const waits: number[] = [];
const runtime = () => ({
  db: t.db,
  box,
  allowPrivate: true,
  rateLimit: {
    attempts: 3,
    maxWaitMs: 60_000,
    defaultWaitMs: 1_000,
    sleep: async (ms: number) => {
      waits.push(ms);
    },
  },
});

beforeAll(async () => {
  t = await createTestDatabase();
  github = await FakeGitHub.start('gh-token', 'acme/app');
});
afterAll(async () => {
  await github?.close();
  await t?.drop();
});

const card = (n: number, title = `Card ${n}`): OutgoingCard => ({
  id: `01JB0ARD00000000000000000${n}`,
  projectId: '01JB0PR0JECT00000000000000',
  status: 'todo',
  title,
  description: 'Email and password.',
  acceptanceCriteria: ['validates the email'],
  link: 'https://specboard.example/orgs/o/documents/d',
});

async function githubIntegration(token = 'gh-token') {
  const tenant = await createTenant(t.db);
  const integration = await createIntegration(t.db, {
    orgId: tenant.orgId,
    kind: 'github',
    name: 'GitHub',
    config: { owner: 'acme', repo: 'app' },
    secretSealed: sealCredentials(box, { url: github.url, apiToken: token }),
    createdBy: null,
  });
  return { orgId: tenant.orgId, integrationId: integration.id };
}

describe('push cards to GitHub Issues', () => {
  it('creates issues with a task list and link, and updates them on re-push', async () => {
    const { orgId, integrationId } = await githubIntegration();
    const first = await pushCardsToGitHub(runtime(), orgId, integrationId, [card(1)]);
    const number = Number(first.pushed[0]?.key);
    expect(github.issues.get(number)?.body).toContain('- [ ] validates the email');
    expect(github.issues.get(number)?.body).toContain(
      'https://specboard.example/orgs/o/documents/d',
    );
    const before = github.issues.size;
    await pushCardsToGitHub(runtime(), orgId, integrationId, [card(1, 'Renamed')]);
    expect(github.issues.size).toBe(before);
    expect(github.issues.get(number)?.title).toBe('Renamed');
    expect(
      await findMapping(t.db, orgId, {
        integrationId,
        resourceType: 'card',
        resourceId: card(1).id,
      }),
    ).toMatchObject({ external_id: String(number), sync_status: 'synced' });
  });

  it('records a bad token and a 5xx per card', async () => {
    const refused = await githubIntegration('wrong');
    const result = await pushCardsToGitHub(runtime(), refused.orgId, refused.integrationId, [
      card(2),
    ]);
    expect(result.failed[0]?.error).toMatch(/401/);
    const { orgId, integrationId } = await githubIntegration();
    github.failNext({ status: 502, body: { message: 'Server Error' } });
    const failed = await pushCardsToGitHub(runtime(), orgId, integrationId, [card(3), card(4)]);
    expect(failed.failed.map((f) => f.cardId)).toEqual([card(3).id]);
    expect(failed.pushed.map((p) => p.cardId)).toEqual([card(4).id]);
  });

  it('waits out a 429 or secondary limit for its Retry-After, and stops on a long one', async () => {
    const { orgId, integrationId } = await githubIntegration();
    waits.length = 0;
    github.failNext(
      { status: 429, headers: { 'retry-after': '3' }, body: { message: 'slow down' } },
      {
        status: 403,
        headers: { 'retry-after': '5' },
        body: { message: 'You have exceeded a secondary rate limit' },
      },
    );
    const pushed = await pushCardsToGitHub(runtime(), orgId, integrationId, [card(5)]);
    expect(waits).toEqual([3_000, 5_000]);
    expect(pushed.pushed).toEqual([{ cardId: card(5).id, key: expect.any(String), created: true }]);

    github.failNext({ status: 429, headers: { 'retry-after': '3600' }, body: { message: 'no' } });
    const limited = pushCardsToGitHub(runtime(), orgId, integrationId, [card(5), card(6)]);
    await expect(limited).rejects.toBeInstanceOf(RateLimitedError);
    await expect(limited).rejects.toMatchObject({ retryAfterMs: 3_600_000 });
    const ref = { integrationId, resourceType: 'card' as const, resourceId: card(5).id };
    expect(await findMapping(t.db, orgId, ref)).toMatchObject({ sync_status: 'failed' });
    expect(await findMapping(t.db, orgId, { ...ref, resourceId: card(6).id })).toBeUndefined();
  });
});

describe('GitHub webhooks', () => {
  const body = JSON.stringify({ action: 'closed', issue: { number: 7 } });
  const sign = (secret: string) =>
    `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

  it('verify X-Hub-Signature-256 and map closed issues to done', () => {
    expect(verifyGitHubSignature('s', body, sign('s'))).toBe(true);
    expect(verifyGitHubSignature('s', body, sign('other'))).toBe(false);
    expect(verifyGitHubSignature('s', body, null)).toBe(false);
    expect(githubColumnFor(githubIssueEventSchema.parse(JSON.parse(body)))).toBe('done');
  });
});
