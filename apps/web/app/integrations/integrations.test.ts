import { randomBytes } from 'node:crypto';
import type { OrgRole } from '@specboard/db';
import { getIntegrationWithSecret, listDeliveries } from '@specboard/db/integrations';
import { trackerPushQueue } from '@specboard/jobs';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../db.server.ts';
import { closeJobQueue, jobQueue } from '../runs/job-queue.server.ts';
import { appRequest, BASE_URL, outcome, type TestUser } from '../testing/app-fixture.ts';
import { orgWithMembers, projectWithDocument, setUpTestApp } from '../testing/org-fixture.ts';
import { integrationsAction, integrationsLoader } from './integrations.server.ts';

process.env.INTEGRATIONS_KEY = `t1:${randomBytes(32).toString('base64')}`;
setUpTestApp({ cleanUp: closeJobQueue });

let orgId: string;
let users: Record<'owner' | 'admin' | 'editor', TestUser>;

beforeAll(async () => {
  ({ orgId, users } = await orgWithMembers({ roles: ['owner', 'admin', 'editor'] as OrgRole[] }));
});

const SECRET_PATH = '/hooks/T000/B000/very-secret-token';

function connect(user: TestUser, fields: [string, string][]) {
  const request = new Request(`${BASE_URL}/orgs/${orgId}/integrations`, {
    method: 'POST',
    headers: { cookie: user.cookie, origin: BASE_URL },
    body: new URLSearchParams([
      ['intent', 'connect'],
      ...(fields.some(([key]) => key === 'kind') ? [] : [['kind', 'webhook']]),
      ...fields,
    ]),
  });
  return outcome(() => integrationsAction(request, orgId));
}

const manage = (user: TestUser, form: Record<string, string>) =>
  outcome(() =>
    integrationsAction(appRequest(`/orgs/${orgId}/integrations`, { user, form }), orgId),
  );

const load = (user: TestUser) =>
  outcome(() => integrationsLoader(appRequest(`/orgs/${orgId}/integrations`, { user }), orgId));

describe('integrations settings', () => {
  it('is for admins and owners only', async () => {
    expect((await load(users.editor)).status).toBe(403);
    expect((await manage(users.editor, { intent: 'pause', integrationId: 'x' })).status).toBe(403);
    expect((await load(users.admin)).status).toBe(200);
  });

  it('answers 400 with field errors for a bad URL or no events', async () => {
    const result = await connect(users.admin, [
      ['name', 'Hook'],
      ['url', 'not a url'],
    ]);
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({
      fieldErrors: { url: [expect.any(String)], events: ['Choose at least one event.'] },
    });
  });

  it('seals credentials, shows the generated signing secret once and never the URL again', async () => {
    const connected = await connect(users.admin, [
      ['name', 'Receiver'],
      ['url', `https://hooks.example.com${SECRET_PATH}`],
      ['events', 'card.done'],
      ['events', 'run.failed'],
    ]);
    expect(connected.body).toMatchObject({
      ok: true,
      shownOnce: { 'Signing secret': expect.stringMatching(/^whsec_/) },
    });
    const page = await load(users.owner);
    const serialised = JSON.stringify(page.body);
    expect(serialised).not.toContain(SECRET_PATH);
    expect(serialised).not.toContain('whsec_');
    const [integration] = (
      page.body as { integrations: { id: string; host: string; events: string[] }[] }
    ).integrations;
    expect(integration).toMatchObject({
      host: 'hooks.example.com',
      events: ['card.done', 'run.failed'],
    });
    const stored = await getIntegrationWithSecret(db(), orgId, integration?.id ?? '');
    expect(stored?.secret_sealed).toMatch(/^v1\.t1\./);
    expect(stored?.secret_sealed).not.toContain('very-secret-token');
  });

  it('sends a test event, redelivers it with the same message id, pauses and removes', async () => {
    await connect(users.admin, [
      ['name', 'Second'],
      ['url', 'https://second.example.com/hook'],
      ['events', 'card.moved'],
    ]);
    const page = await load(users.admin);
    const second = (
      page.body as { integrations: { id: string; name: string }[] }
    ).integrations.find((i) => i.name === 'Second');
    const integrationId = second?.id ?? '';
    expect((await manage(users.admin, { intent: 'test', integrationId })).status).toBe(200);
    const [test] = await listDeliveries(db(), orgId, integrationId);
    expect(test).toMatchObject({ event_kind: 'integration.test', status: 'pending' });

    await manage(users.admin, { intent: 'redeliver', deliveryId: test?.id ?? '' });
    const [again] = await listDeliveries(db(), orgId, integrationId);
    expect(again).toMatchObject({ event_id: test?.event_id, redelivery_of: test?.id });

    await manage(users.admin, { intent: 'pause', integrationId });
    expect((await getIntegrationWithSecret(db(), orgId, integrationId))?.status).toBe('paused');
    await manage(users.admin, { intent: 'remove', integrationId });
    expect(await getIntegrationWithSecret(db(), orgId, integrationId)).toBeUndefined();
    expect((await manage(users.admin, { intent: 'pause', integrationId })).status).toBe(404);
  });

  it('connects Jira without echoing its token, shows the webhook URL and queues a push', async () => {
    const request = new Request(`${BASE_URL}/orgs/${orgId}/integrations`, {
      method: 'POST',
      headers: { cookie: users.admin.cookie, origin: BASE_URL },
      body: new URLSearchParams({
        intent: 'connect',
        kind: 'jira',
        name: 'Acme Jira',
        url: 'https://acme.atlassian.net',
        email: 'pm@example.com',
        apiToken: 'jira-token-do-not-echo',
        projectKey: 'SPEC',
      }),
    });
    const connected = await outcome(() => integrationsAction(request, orgId));
    expect(connected.body).toMatchObject({
      shownOnce: { 'Jira webhook secret': expect.any(String) },
    });
    const page = await load(users.admin);
    expect(JSON.stringify(page.body)).not.toContain('jira-token-do-not-echo');
    const jira = (
      page.body as {
        integrations: { id: string; name: string; trackerWebhookUrl: string | null }[];
      }
    ).integrations.find((i) => i.name === 'Acme Jira');
    expect(jira?.trackerWebhookUrl).toBe(`${BASE_URL}/integrations/jira/${jira?.id}/webhook`);

    const { project } = await projectWithDocument({ orgId, createdBy: users.owner.id });
    const pushed = await manage(users.admin, {
      intent: 'tracker-push',
      integrationId: jira?.id ?? '',
      projectId: project.id,
    });
    expect(pushed.status).toBe(200);
    const { boss } = await jobQueue();
    const jobs = await boss.findJobs(trackerPushQueue.name, { data: { projectId: project.id } });
    expect(jobs).toHaveLength(1);
  });

  it('connects Confluence with its numeric space, sealing the token; it takes no test events', async () => {
    const connectConfluence = (spaceId: string) =>
      connect(users.admin, [
        ['kind', 'confluence'],
        ['name', 'Wiki'],
        ['url', 'https://acme.atlassian.net/wiki/'],
        ['email', 'pm@example.com'],
        ['apiToken', 'confluence-token-do-not-echo'],
        ['spaceId', spaceId],
      ]);
    const refused = await connectConfluence('SPEC');
    expect(refused).toMatchObject({
      status: 400,
      body: {
        fieldErrors: { spaceId: ['The numeric id of the space (not its key), e.g. 98304.'] },
      },
    });
    expect((await connectConfluence('98304')).status).toBe(200);
    const page = await load(users.admin);
    expect(JSON.stringify(page.body)).not.toContain('confluence-token-do-not-echo');
    const wiki = (
      page.body as { integrations: { id: string; name: string; receivesEvents: boolean }[] }
    ).integrations.find((i) => i.name === 'Wiki');
    expect(wiki?.receivesEvents).toBe(false);
    const stored = await getIntegrationWithSecret(db(), orgId, wiki?.id ?? '');
    expect(stored?.config).toEqual({ spaceId: '98304', host: 'acme.atlassian.net' });
    expect(stored?.secret_sealed).not.toContain('confluence-token-do-not-echo');
    const test = await manage(users.admin, { intent: 'test', integrationId: wiki?.id ?? '' });
    expect(test.status).toBe(400);
    expect(String(test.body)).toContain('A confluence integration receives no events');
  });

  it('connects a Slack channel for one project, with no signing secret', async () => {
    const { project } = await projectWithDocument({ orgId, createdBy: users.owner.id });
    const connected = await connect(users.admin, [
      ['kind', 'slack'],
      ['name', '#launch'],
      ['url', 'https://hooks.slack.com/services/T0/B0/secret'],
      ['projectId', project.id],
      ['events', 'card.done'],
    ]);
    expect(connected.body).toMatchObject({ ok: true, shownOnce: {} });
    const page = await load(users.admin);
    const slack = (page.body as { integrations: { id: string; kind: string }[] }).integrations.find(
      (i) => i.kind === 'slack',
    );
    const stored = await getIntegrationWithSecret(db(), orgId, slack?.id ?? '');
    expect(stored?.config).toMatchObject({ projectId: project.id, host: 'hooks.slack.com' });
    expect(JSON.stringify(page.body)).not.toContain('/services/T0/B0/secret');
    const foreign = await connect(users.admin, [
      ['kind', 'teams'],
      ['name', 'Teams'],
      ['url', 'https://example.webhook.office.com/x'],
      ['projectId', '01JB0N0SUCHPR0JECT00000000'],
      ['events', 'card.done'],
    ]);
    expect(foreign.status).toBe(400);
  });

  it('never reaches another organisation’s integrations, deliveries or projects', async () => {
    const other = await orgWithMembers({ roles: [] });
    const theirs = new Request(`${BASE_URL}/orgs/${other.orgId}/integrations`, {
      method: 'POST',
      headers: { cookie: other.users.owner.cookie, origin: BASE_URL },
      body: new URLSearchParams([
        ['intent', 'connect'],
        ['kind', 'webhook'],
        ['name', 'Theirs'],
        ['url', 'https://theirs.example.com/hook'],
        ['events', 'card.done'],
      ]),
    });
    expect((await outcome(() => integrationsAction(theirs, other.orgId))).status).toBe(200);
    const [integration] = (
      (
        await outcome(() =>
          integrationsLoader(
            appRequest(`/orgs/${other.orgId}/integrations`, { user: other.users.owner }),
            other.orgId,
          ),
        )
      ).body as { integrations: { id: string }[] }
    ).integrations;
    const integrationId = integration?.id ?? '';
    await outcome(() =>
      integrationsAction(
        appRequest(`/orgs/${other.orgId}/integrations`, {
          user: other.users.owner,
          form: { intent: 'test', integrationId },
        }),
        other.orgId,
      ),
    );
    const [delivery] = await listDeliveries(db(), other.orgId, integrationId);
    const { project } = await projectWithDocument({
      orgId: other.orgId,
      createdBy: other.users.owner.id,
    });

    for (const intent of ['test', 'pause', 'resume', 'remove'] as const) {
      const result = await manage(users.admin, { intent, integrationId });
      expect(result.status, intent).toBe(404);
    }
    const redeliver = await manage(users.admin, {
      intent: 'redeliver',
      deliveryId: delivery?.id ?? '',
    });
    expect(redeliver.status).toBe(404);
    expect(await listDeliveries(db(), other.orgId, integrationId)).toHaveLength(1);

    const jira = (
      (await load(users.admin)).body as { integrations: { id: string; kind: string }[] }
    ).integrations.find((i) => i.kind === 'jira');
    const push = await manage(users.admin, {
      intent: 'tracker-push',
      integrationId: jira?.id ?? '',
      projectId: project.id,
    });
    expect(push.status).toBe(404);
    // Their organisation's page, as a non-member: not even its existence.
    const outsider = await outcome(() =>
      integrationsLoader(
        appRequest(`/orgs/${other.orgId}/integrations`, { user: users.admin }),
        other.orgId,
      ),
    );
    expect(outsider.status).toBe(404);
    expect((await getIntegrationWithSecret(db(), other.orgId, integrationId))?.status).toBe(
      'active',
    );
  });

  it('answers malformed commands with 400 or 404 naming the cause, never 500', async () => {
    for (const form of [
      {},
      { intent: 'explode' },
      { intent: 'pause' },
      { intent: 'pause', integrationId: 'not-an-id' },
      { intent: 'pause', integrationId: 'x'.repeat(100_000) },
      { intent: 'redeliver', deliveryId: 'nope' },
      { intent: 'tracker-push', integrationId: '01JB0000000000000000000000', projectId: '' },
    ]) {
      const result = await manage(users.admin, form as Record<string, string>);
      expect([400, 404], JSON.stringify(form).slice(0, 80)).toContain(result.status);
    }
    const missing = await manage(users.admin, { intent: 'pause' });
    expect(missing).toMatchObject({ status: 400, body: expect.stringMatching(/^integrationId: /) });
    const unknown = await manage(users.admin, { intent: 'explode' });
    expect(unknown).toMatchObject({ status: 400, body: expect.stringMatching(/^intent: /) });
  });

  it('answers a body that is not a form with 400 naming the cause, not 500', async () => {
    const request = new Request(`${BASE_URL}/orgs/${orgId}/integrations`, {
      method: 'POST',
      headers: { cookie: users.admin.cookie, origin: BASE_URL, 'content-type': 'text/plain' },
      body: 'intent=pause',
    });
    const result = await outcome(() => integrationsAction(request, orgId));
    expect(result).toMatchObject({ status: 400, body: expect.stringMatching(/form/) });
  });
});
