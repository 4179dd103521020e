import { randomBytes } from 'node:crypto';
import { createIntegration, findMapping } from '@specboard/db/integrations';
import { createTenant, createTestDatabase, type TestDatabase } from '@specboard/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealCredentials } from '../credentials.ts';
import type { OutgoingCard } from '../outgoing-card.ts';
import { RateLimitedError } from '../rate-limit.ts';
import { createSecretBox } from '../secret-box.ts';
import { FakeJira } from '../testing/fake-jira.ts';
import { pushCardsToJira } from './push.ts';

let t: TestDatabase;
let jira: FakeJira;
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
  jira = await FakeJira.start('pm@example.com', 'token-1');
});
afterAll(async () => {
  await jira?.close();
  await t?.drop();
});

const card = (n: number, title = `Card ${n}`): OutgoingCard => ({
  id: `01JB0ARD00000000000000000${n}`,
  projectId: '01JB0PR0JECT00000000000000',
  status: 'todo',
  title,
  description: 'Email and password.\n\nShown on the landing page.',
  acceptanceCriteria: ['validates the email', 'shows errors inline'],
  link: 'https://specboard.example/orgs/o/documents/d',
});

async function jiraIntegration(apiToken = 'token-1') {
  const tenant = await createTenant(t.db);
  const integration = await createIntegration(t.db, {
    orgId: tenant.orgId,
    kind: 'jira',
    name: 'Jira',
    config: { projectKey: 'SPEC', host: '127.0.0.1' },
    secretSealed: sealCredentials(box, { url: jira.url, email: 'pm@example.com', apiToken }),
    createdBy: null,
  });
  return { orgId: tenant.orgId, integrationId: integration.id };
}

describe('push cards to Jira', () => {
  it('creates issues with description, acceptance criteria and link, then updates them on re-push', async () => {
    const { orgId, integrationId } = await jiraIntegration();
    const first = await pushCardsToJira(runtime(), orgId, integrationId, [card(1), card(2)]);
    expect(first.pushed.map((p) => p.created)).toEqual([true, true]);
    const key = first.pushed[0]?.key ?? '';
    const issue = jira.issues.get(key);
    expect(issue).toMatchObject({ summary: 'Card 1', projectKey: 'SPEC' });
    const described = JSON.stringify(issue?.description);
    expect(described).toContain('Acceptance criteria');
    expect(described).toContain('validates the email');
    expect(described).toContain('https://specboard.example/orgs/o/documents/d');

    const before = jira.issues.size;
    const again = await pushCardsToJira(runtime(), orgId, integrationId, [
      card(1, 'Card 1, renamed'),
    ]);
    expect(again.pushed).toEqual([{ cardId: card(1).id, key, created: false }]);
    expect(jira.issues.size).toBe(before);
    expect(jira.issues.get(key)?.summary).toBe('Card 1, renamed');
    const mapping = await findMapping(t.db, orgId, {
      integrationId,
      resourceType: 'card',
      resourceId: card(1).id,
    });
    expect(mapping).toMatchObject({
      external_id: key,
      sync_status: 'synced',
      external_url: `${jira.url}/browse/${key}`,
    });
  });

  it('names refused credentials (401) per card', async () => {
    const { orgId, integrationId } = await jiraIntegration('wrong-token');
    const result = await pushCardsToJira(runtime(), orgId, integrationId, [card(3)]);
    expect(result.failed).toEqual([
      {
        cardId: card(3).id,
        error: 'Jira refused the credentials (401): check the email and API token',
      },
    ]);
  });

  it('waits out a 429 for its Retry-After, stops when it asks too long, and records a 5xx', async () => {
    const { orgId, integrationId } = await jiraIntegration();
    await pushCardsToJira(runtime(), orgId, integrationId, [card(4)]);
    jira.failNext({ status: 503, body: { errorMessages: ['down'] } });
    const failed = await pushCardsToJira(runtime(), orgId, integrationId, [card(4)]);
    expect(failed.failed[0]?.error).toMatch(/503/);
    const ref = { integrationId, resourceType: 'card' as const, resourceId: card(4).id };
    expect(await findMapping(t.db, orgId, ref)).toMatchObject({ sync_status: 'failed' });

    waits.length = 0;
    jira.failNext({ status: 429, headers: { 'retry-after': '7' } });
    const waited = await pushCardsToJira(runtime(), orgId, integrationId, [card(4)]);
    expect(waits).toEqual([7_000]);
    expect(waited.pushed).toEqual([
      { cardId: card(4).id, key: expect.any(String), created: false },
    ]);

    jira.failNext({ status: 429, headers: { 'retry-after': '120' } });
    const limited = pushCardsToJira(runtime(), orgId, integrationId, [card(4), card(5)]);
    await expect(limited).rejects.toBeInstanceOf(RateLimitedError);
    await expect(limited).rejects.toMatchObject({ retryAfterMs: 120_000 });
    expect(await findMapping(t.db, orgId, ref)).toMatchObject({
      sync_status: 'failed',
      last_error: 'Jira rate-limited the request (429, Retry-After 120000 ms) after 1 attempt(s)',
    });
    expect(waits).toEqual([7_000]);

    const recovered = await pushCardsToJira(runtime(), orgId, integrationId, [card(4)]);
    expect(recovered.pushed[0]?.created).toBe(false);
    expect(await findMapping(t.db, orgId, ref)).toMatchObject({
      sync_status: 'synced',
      last_error: null,
    });
  });

  it('refuses a Jira site on a private address unless allowed', async () => {
    const { orgId, integrationId } = await jiraIntegration();
    await expect(
      pushCardsToJira({ ...runtime(), allowPrivate: false }, orgId, integrationId, [card(6)]),
    ).rejects.toThrow(/private, loopback or reserved/);
  });

  it('never sends the API token over plain http to a public site', async () => {
    const tenant = await createTenant(t.db);
    const integration = await createIntegration(t.db, {
      orgId: tenant.orgId,
      kind: 'jira',
      name: 'Jira over http',
      config: { projectKey: 'SPEC', host: '93.184.215.14' },
      secretSealed: sealCredentials(box, {
        url: 'http://93.184.215.14',
        email: 'pm@example.com',
        apiToken: 'token-in-clear',
      }),
      createdBy: null,
    });
    await expect(
      pushCardsToJira({ ...runtime(), allowPrivate: false }, tenant.orgId, integration.id, [
        card(7),
      ]),
    ).rejects.toThrow(/https/);
  });
});
