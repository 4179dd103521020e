import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { createIntegration } from '@specboard/db/integrations';
import { sealCredentials } from '@specboard/integrations';
import { trackerInboundQueue } from '@specboard/jobs';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../db.server.ts';
import { closeJobQueue, jobQueue } from '../runs/job-queue.server.ts';
import { BASE_URL } from '../testing/app-fixture.ts';
import { orgWithMembers, setUpTestApp } from '../testing/org-fixture.ts';
import { integrationsSecretBox } from './secret-box.server.ts';
import { trackerWebhookAction } from './tracker-webhook.server.ts';

process.env.INTEGRATIONS_KEY = `t1:${randomBytes(32).toString('base64')}`;
setUpTestApp({ cleanUp: closeJobQueue });

const SECRET = 'jira-webhook-secret';
let integrationId: string;
let githubId: string;

beforeAll(async () => {
  const { orgId } = await orgWithMembers({ roles: [] });
  const box = integrationsSecretBox();
  if (!box) throw new Error('INTEGRATIONS_KEY is set above');
  const integration = await createIntegration(db(), {
    orgId,
    kind: 'jira',
    name: 'Jira',
    config: { projectKey: 'SPEC' },
    secretSealed: sealCredentials(box, {
      url: 'https://acme.atlassian.net',
      email: 'pm@example.com',
      apiToken: 'token',
      webhookSecret: SECRET,
    }),
    createdBy: null,
  });
  integrationId = integration.id;
  const github = await createIntegration(db(), {
    orgId,
    kind: 'github',
    name: 'GitHub',
    config: { owner: 'acme', repo: 'app' },
    secretSealed: sealCredentials(box, {
      url: 'https://api.github.com',
      apiToken: 'token',
      webhookSecret: SECRET,
    }),
    createdBy: null,
  });
  githubId = github.id;
});

const issueUpdated = (key: string, timestamp = Date.now()) =>
  JSON.stringify({
    timestamp,
    webhookEvent: 'jira:issue_updated',
    issue: { key, fields: { status: { name: 'Done', statusCategory: { key: 'done' } } } },
  });

function deliver(
  body: string,
  signature: string | null,
  id = integrationId,
  deliveryId: string | null = randomUUID(),
) {
  const headers = new Headers({ 'content-type': 'application/json' });
  if (signature) headers.set('x-hub-signature', signature);
  if (deliveryId) headers.set('x-atlassian-webhook-identifier', deliveryId);
  const request = new Request(`${BASE_URL}/integrations/jira/${id}/webhook`, {
    method: 'POST',
    headers,
    body,
  });
  return trackerWebhookAction(request, 'jira', id);
}

const sign = (secret: string, body: string) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

describe('Jira webhook', () => {
  it('queues a verified status change for the worker', async () => {
    const body = issueUpdated('SPEC-7');
    const response = await deliver(body, sign(SECRET, body));
    expect(response.status).toBe(202);
    const { boss } = await jobQueue();
    const jobs = await boss.findJobs(trackerInboundQueue.name, { data: { issueKey: 'SPEC-7' } });
    expect(jobs.map((job) => job.data)).toEqual([
      expect.objectContaining({ integrationId, issueKey: 'SPEC-7', column: 'done' }),
    ]);
  });

  it('refuses a bad or missing signature and unknown integrations', async () => {
    const body = issueUpdated('SPEC-8');
    expect((await deliver(body, sign('wrong', body))).status).toBe(401);
    expect((await deliver(body, null)).status).toBe(401);
    expect((await deliver(body, sign(SECRET, body), '01JB0N0SUCH0000000000000000')).status).toBe(
      404,
    );
    const { boss } = await jobQueue();
    expect(await boss.findJobs(trackerInboundQueue.name, { data: { issueKey: 'SPEC-8' } })).toEqual(
      [],
    );
  });

  it('takes GitHub issues events signed with X-Hub-Signature-256: closed → done', async () => {
    const body = JSON.stringify({
      action: 'closed',
      issue: { number: 12, updated_at: new Date().toISOString() },
    });
    const request = (signature: string) =>
      new Request(`${BASE_URL}/integrations/github/${githubId}/webhook`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-hub-signature-256': signature,
          'x-github-delivery': randomUUID(),
        },
        body,
      });
    expect(
      (await trackerWebhookAction(request(sign('wrong', body)), 'github', githubId)).status,
    ).toBe(401);
    // A Jira URL for a GitHub integration is not found.
    expect((await trackerWebhookAction(request(sign(SECRET, body)), 'jira', githubId)).status).toBe(
      404,
    );
    expect(
      (await trackerWebhookAction(request(sign(SECRET, body)), 'github', githubId)).status,
    ).toBe(202);
    const { boss } = await jobQueue();
    const jobs = await boss.findJobs(trackerInboundQueue.name, {
      data: { integrationId: githubId },
    });
    expect(jobs.map((job) => job.data)).toEqual([
      expect.objectContaining({ issueKey: '12', column: 'done' }),
    ]);
  });
});

describe('replayed tracker webhooks', () => {
  const queued = async (issueKey: string) => {
    const { boss } = await jobQueue();
    return (await boss.findJobs(trackerInboundQueue.name, { data: { issueKey } })).length;
  };

  it('refuses a delivery id seen once, even with a good signature', async () => {
    const body = issueUpdated('SPEC-20');
    const deliveryId = randomUUID();
    expect((await deliver(body, sign(SECRET, body), integrationId, deliveryId)).status).toBe(202);
    const replay = await deliver(body, sign(SECRET, body), integrationId, deliveryId);
    expect(replay.status).toBe(409);
    expect(await replay.json()).toEqual({
      message: `delivery ${deliveryId} (or the same body) was already received; a replay is not applied`,
    });
    // A new, signed body under the same delivery id is refused as well.
    const other = issueUpdated('SPEC-20', Date.now() + 1);
    expect((await deliver(other, sign(SECRET, other), integrationId, deliveryId)).status).toBe(409);
    expect(await queued('SPEC-20')).toBe(1);
  });

  it('refuses the same signed body replayed under a fresh delivery id', async () => {
    const body = issueUpdated('SPEC-21');
    expect((await deliver(body, sign(SECRET, body))).status).toBe(202);
    expect((await deliver(body, sign(SECRET, body))).status).toBe(409);
    expect(await queued('SPEC-21')).toBe(1);
  });

  it('refuses a body dated more than an hour ago, or with no delivery id', async () => {
    const stale = issueUpdated('SPEC-22', Date.now() - 61 * 60 * 1_000);
    const old = await deliver(stale, sign(SECRET, stale));
    expect(old.status).toBe(400);
    expect(await old.json()).toEqual({
      message:
        'the delivery was sent 61 minutes ago; older than 60 minutes is refused as a possible replay',
    });
    const body = issueUpdated('SPEC-22');
    const anonymous = await deliver(body, sign(SECRET, body), integrationId, null);
    expect(anonymous.status).toBe(400);
    expect(await anonymous.json()).toEqual({
      message: 'the x-atlassian-webhook-identifier header (the delivery id) is missing',
    });
    expect(await queued('SPEC-22')).toBe(0);
  });

  it('refuses a GitHub delivery replayed with the same X-GitHub-Delivery', async () => {
    const body = JSON.stringify({
      action: 'reopened',
      issue: { number: 30, updated_at: new Date().toISOString() },
    });
    const deliveryId = randomUUID();
    const request = () =>
      new Request(`${BASE_URL}/integrations/github/${githubId}/webhook`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-hub-signature-256': sign(SECRET, body),
          'x-github-delivery': deliveryId,
        },
        body,
      });
    expect((await trackerWebhookAction(request(), 'github', githubId)).status).toBe(202);
    expect((await trackerWebhookAction(request(), 'github', githubId)).status).toBe(409);
    expect(await queued('30')).toBe(1);
  });
});
