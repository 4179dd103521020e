import { createHmac, randomBytes } from 'node:crypto';
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

const issueUpdated = (key: string) =>
  JSON.stringify({
    webhookEvent: 'jira:issue_updated',
    issue: { key, fields: { status: { name: 'Done', statusCategory: { key: 'done' } } } },
  });

function deliver(body: string, signature: string | null, id = integrationId) {
  const headers = new Headers({ 'content-type': 'application/json' });
  if (signature) headers.set('x-hub-signature', signature);
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
    const body = JSON.stringify({ action: 'closed', issue: { number: 12 } });
    const request = (signature: string) =>
      new Request(`${BASE_URL}/integrations/github/${githubId}/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
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
