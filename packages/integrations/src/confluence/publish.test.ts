import { randomBytes } from 'node:crypto';
import { listPublishStatus } from '@specboard/db/integration-publishing';
import { createIntegration } from '@specboard/db/integrations';
import { createTenant, createTestDatabase, type TestDatabase } from '@specboard/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealCredentials } from '../credentials.ts';
import { createSecretBox } from '../secret-box.ts';
import { FakeConfluence } from '../testing/fake-confluence.ts';
import { ConfluenceRetryableError, publishVersionToConfluence } from './publish.ts';

let t: TestDatabase;
let confluence: FakeConfluence;
const box = createSecretBox({ id: 'test', key: randomBytes(32) });
const waits: number[] = [];
const runtime = () => ({
  db: t.db,
  box,
  allowPrivate: true,
  serverRetryDelayMs: 1,
  rateLimit: {
    attempts: 3,
    maxWaitMs: 10_000,
    defaultWaitMs: 1_000,
    sleep: async (ms: number) => {
      waits.push(ms);
    },
  },
});

beforeAll(async () => {
  t = await createTestDatabase();
  confluence = await FakeConfluence.start('pm@example.com', 'token-1');
});
afterAll(async () => {
  await confluence?.close();
  await t?.drop();
});

async function confluenceIntegration(apiToken = 'token-1') {
  const tenant = await createTenant(t.db);
  const integration = await createIntegration(t.db, {
    orgId: tenant.orgId,
    kind: 'confluence',
    name: 'Wiki',
    config: { spaceId: '98304', parentId: '4242', host: '127.0.0.1' },
    secretSealed: sealCredentials(box, { url: confluence.url, email: 'pm@example.com', apiToken }),
    createdBy: null,
  });
  return { orgId: tenant.orgId, integrationId: integration.id };
}

const version = (
  versionNumber: number,
  markdown = `# PRD\n\nText of version ${versionNumber}.`,
) => ({
  documentId: '01JB0D0CUMENT0000000000000',
  versionId: `01JB0VERS10N00000000000000${versionNumber}`.slice(0, 26),
  versionNumber,
  title: 'Checkout PRD',
  markdown,
  link: `https://specboard.example/orgs/o/documents/d/history/v${versionNumber}`,
});

const statusOf = async (orgId: string) =>
  (
    await listPublishStatus(t.db, orgId, 'confluence', {
      resourceType: 'document',
      resourceId: version(1).documentId,
    })
  )[0];

describe('publish a version to Confluence', () => {
  it('creates the page once, then updates the same page with the next page version', async () => {
    const { orgId, integrationId } = await confluenceIntegration();
    const first = await publishVersionToConfluence(runtime(), orgId, integrationId, version(1));
    expect(first).toMatchObject({ status: 'published', created: true, pageVersion: 1 });
    const pageId = first.status === 'published' ? first.pageId : '';
    const page = confluence.pages.get(pageId);
    expect(page).toMatchObject({ spaceId: '98304', parentId: '4242', title: 'Checkout PRD' });
    expect(page?.body).toContain('<h1>PRD</h1>');
    expect(page?.body).toContain('>version 1</a>');
    expect(await statusOf(orgId)).toMatchObject({
      status: 'synced',
      versionNumber: 1,
      externalUrl: `${confluence.url}/wiki/spaces/SPEC/pages/${pageId}/Checkout+PRD`,
      lastError: null,
    });

    // Someone edits the page in Confluence: the update still takes the next page version.
    confluence.editInConfluence(pageId, '<p>hand edit</p>');
    const second = await publishVersionToConfluence(runtime(), orgId, integrationId, version(2));
    expect(second).toMatchObject({ status: 'published', created: false, pageId, pageVersion: 3 });
    expect(confluence.pages.size).toBe(1);
    expect(confluence.pages.get(pageId)).toMatchObject({
      version: 3,
      versionMessage: 'Specboard version 2',
    });
    expect(confluence.pages.get(pageId)?.body).toContain('Text of version 2.');

    confluence.failNext({ status: 500 });
    await expect(
      publishVersionToConfluence(runtime(), orgId, integrationId, version(3)),
    ).rejects.toBeInstanceOf(ConfluenceRetryableError);
    expect(await statusOf(orgId)).toMatchObject({ status: 'failed', versionNumber: 2 });
    const older = await publishVersionToConfluence(runtime(), orgId, integrationId, version(1));
    expect(older).toEqual({ status: 'skipped', reason: 'version 2 is already published' });
  });

  it('records refused credentials (401) as the last error, without retrying', async () => {
    const { orgId, integrationId } = await confluenceIntegration('wrong-token');
    const result = await publishVersionToConfluence(runtime(), orgId, integrationId, version(1));
    expect(result).toEqual({
      status: 'failed',
      error: 'Confluence refused the credentials (401): check the email and API token',
    });
    expect(await statusOf(orgId)).toMatchObject({
      status: 'failed',
      lastError: 'Confluence refused the credentials (401): check the email and API token',
    });
  });

  it('waits out a 429 for its Retry-After, and stops when the wait is too long', async () => {
    const { orgId, integrationId } = await confluenceIntegration();
    waits.length = 0;
    confluence.failNext({ status: 429, headers: { 'retry-after': '7' } });
    const published = await publishVersionToConfluence(runtime(), orgId, integrationId, version(1));
    expect(published).toMatchObject({ status: 'published', created: true });
    expect(waits).toEqual([7_000]);

    confluence.failNext({ status: 429, headers: { 'retry-after': '600' } });
    const limited = publishVersionToConfluence(runtime(), orgId, integrationId, version(2));
    await expect(limited).rejects.toBeInstanceOf(ConfluenceRetryableError);
    await expect(limited).rejects.toThrow(/429, Retry-After 600000 ms/);
    expect(await statusOf(orgId)).toMatchObject({ status: 'failed', versionNumber: 1 });
    // Version 2 failed: version 1 may be published again, but nothing older than it.
    const again = await publishVersionToConfluence(runtime(), orgId, integrationId, version(1));
    expect(again).toMatchObject({ status: 'published', created: false, pageVersion: 2 });
  });

  it('retries a 503 in place, and hands a lasting 5xx to the job’s retry', async () => {
    const { orgId, integrationId } = await confluenceIntegration();
    confluence.failNext({ status: 503 });
    const published = await publishVersionToConfluence(runtime(), orgId, integrationId, version(1));
    expect(published).toMatchObject({ status: 'published' });

    const before = confluence.requests.length;
    confluence.failNext({ status: 503 }, { status: 503 }, { status: 503 });
    await expect(
      publishVersionToConfluence(runtime(), orgId, integrationId, version(2)),
    ).rejects.toBeInstanceOf(ConfluenceRetryableError);
    expect(confluence.requests.length - before).toBe(3);
    expect(await statusOf(orgId)).toMatchObject({ status: 'failed' });

    const recovered = await publishVersionToConfluence(runtime(), orgId, integrationId, version(2));
    expect(recovered).toMatchObject({ status: 'published', created: false, pageVersion: 2 });
    expect(await statusOf(orgId)).toMatchObject({ status: 'synced', versionNumber: 2 });
  });

  it('refuses a Confluence site on a private address unless allowed', async () => {
    const { orgId, integrationId } = await confluenceIntegration();
    await expect(
      publishVersionToConfluence(
        { ...runtime(), allowPrivate: false },
        orgId,
        integrationId,
        version(1),
      ),
    ).rejects.toThrow(/private, loopback or reserved/);
  });
});
