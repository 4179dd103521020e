import { recordActivity } from '@specboard/db/activity';
import {
  createDeliveries,
  createRedelivery,
  getIntegrationWithSecret,
  listDeliveries,
  listIntegrations,
  removeIntegration,
  setIntegrationStatus,
} from '@specboard/db/integrations';
import { getProject, listProjects } from '@specboard/db/projects';
import {
  enqueueDelivery,
  isChatKind,
  newEventId,
  orgEventKindLabels,
  orgEventKinds,
  TEST_EVENT_KIND,
  webhookBody,
} from '@specboard/integrations';
import { send, trackerPushQueue } from '@specboard/jobs';
import { requireOrgAccess } from '../auth/org-access.server.ts';
import { db } from '../db.server.ts';
import { env } from '../env.server.ts';
import { badRequest, notFound } from '../lib/http.server.ts';
import { readForm } from '../lib/validation.server.ts';
import { jobQueue } from '../runs/job-queue.server.ts';
import { assertSameOrigin } from '../security/origin.server.ts';
import { connectIntegration } from './connect.server.ts';
import { manageSchema } from './integration-forms.server.ts';
import { integrationsSecretBox } from './secret-box.server.ts';

/**
 * The organisation's integrations with their recent deliveries. Credentials never leave the
 * server: the page sees the destination's host only.
 */
export async function integrationsLoader(request: Request, orgId: string | undefined) {
  const access = await requireOrgAccess(request, orgId, 'integrations:manage');
  const integrations = await listIntegrations(db(), access.orgId);
  const withLog = await Promise.all(
    integrations.map(async (integration) => ({
      id: integration.id,
      kind: integration.kind,
      name: integration.name,
      status: integration.status,
      host: typeof integration.config.host === 'string' ? integration.config.host : '',
      receivesEvents: integration.kind === 'webhook' || isChatKind(integration.kind),
      trackerWebhookUrl:
        integration.kind === 'jira' || integration.kind === 'github'
          ? `${env().BASE_URL}/integrations/${integration.kind}/${integration.id}/webhook`
          : null,
      events: Array.isArray(integration.config.events) ? integration.config.events.map(String) : [],
      createdAt: integration.created_at.toISOString(),
      deliveries: (await listDeliveries(db(), access.orgId, integration.id, 20)).map((d) => ({
        id: d.id,
        eventKind: d.event_kind,
        status: d.status,
        attempts: d.attempts,
        responseCode: d.response_code,
        responseMs: d.response_ms,
        error: d.last_error,
        redelivery: d.redelivery_of !== null,
        at: (d.last_attempt_at ?? d.created_at).toISOString(),
      })),
    })),
  );
  return {
    configured: integrationsSecretBox() !== undefined,
    integrations: withLog,
    eventKinds: orgEventKinds.map((kind) => ({ kind, label: orgEventKindLabels[kind] })),
    projects: (await listProjects(db(), access.orgId)).map((p) => ({ id: p.id, name: p.name })),
  };
}

/** Connect, test, pause, resume, remove, redeliver; each is recorded in `activity_log`. */
export async function integrationsAction(request: Request, orgId: string | undefined) {
  assertSameOrigin(request);
  const access = await requireOrgAccess(request, orgId, 'integrations:manage');
  const form = await readForm(request);
  const record = (resourceId: string, action: string, changes: Record<string, unknown> = {}) =>
    recordActivity(db(), {
      orgId: access.orgId,
      actorId: access.user.id,
      resourceType: 'integration',
      resourceId,
      action,
      changes,
    });

  if (form.get('intent') === 'connect') {
    const connected = await connectIntegration(access, form);
    if (!('integration' in connected)) return connected;
    const { integration, shownOnce } = connected;
    await record(integration.id, 'connected', { kind: integration.kind, name: integration.name });
    return { ok: true as const, message: `Connected “${integration.name}”.`, shownOnce };
  }

  const parsed = manageSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    // Each message names its field: a bare "expected string" does not say which one was missing.
    throw badRequest(
      parsed.error.issues.map((i) => `${i.path.join('.') || 'form'}: ${i.message}`).join(' '),
    );
  }
  const command = parsed.data;
  if (command.intent === 'redeliver') {
    const { boss } = await jobQueue();
    const id = await db()
      .transaction()
      .execute(async (trx) => {
        const created = await createRedelivery(trx, access.orgId, command.deliveryId);
        if (created) await enqueueDelivery(boss, access.orgId, created, trx);
        return created;
      });
    if (!id) throw notFound('This delivery does not exist in this organisation.');
    return { ok: true as const, message: 'Redelivery queued.' };
  }
  const integration = await getIntegrationWithSecret(db(), access.orgId, command.integrationId);
  if (!integration) throw notFound('This integration does not exist in this organisation.');
  if (command.intent === 'test') {
    if (integration.kind !== 'webhook' && !isChatKind(integration.kind)) {
      // A tracker or wiki is called through its API, not sent events: a test event would be
      // POSTed to its site and retried for an hour.
      throw badRequest(
        `A ${integration.kind} integration receives no events: test events are for webhooks and chat channels.`,
      );
    }
    const body = webhookBody(
      TEST_EVENT_KIND,
      `Test event from Specboard for “${integration.name}”`,
      {
        path: `/orgs/${access.orgId}/integrations`,
      },
    );
    const { boss } = await jobQueue();
    await db()
      .transaction()
      .execute(async (trx) => {
        const [id] = await createDeliveries(trx, access.orgId, [
          {
            integrationId: integration.id,
            eventId: newEventId(),
            eventKind: TEST_EVENT_KIND,
            payload: { ...body },
          },
        ]);
        if (id) await enqueueDelivery(boss, access.orgId, id, trx);
      });
    return { ok: true as const, message: 'Test event queued: watch the delivery log.' };
  }
  if (command.intent === 'tracker-push') {
    if (integration.kind !== 'jira' && integration.kind !== 'github') {
      throw badRequest('Only a Jira or GitHub integration can push cards.');
    }
    const project = await getProject(db(), access.orgId, command.projectId);
    if (!project) throw notFound('This project does not exist in this organisation.');
    const { boss } = await jobQueue();
    await send(boss, trackerPushQueue, {
      orgId: access.orgId,
      integrationId: integration.id,
      projectId: project.id,
      cardIds: null,
    });
    await record(integration.id, 'pushed', { projectId: project.id });
    return {
      ok: true as const,
      message: `Pushing the cards of “${project.name}” to ${integration.name}.`,
    };
  }
  if (command.intent === 'remove') {
    await removeIntegration(db(), access.orgId, integration.id);
    await record(integration.id, 'removed', { name: integration.name });
    return { ok: true as const, message: `Removed “${integration.name}” and its delivery log.` };
  }
  const status = command.intent === 'pause' ? 'paused' : 'active';
  await setIntegrationStatus(db(), access.orgId, integration.id, status);
  await record(integration.id, command.intent === 'pause' ? 'paused' : 'resumed');
  return {
    ok: true as const,
    message: `${integration.name} is ${status === 'paused' ? 'paused' : 'active again'}.`,
  };
}
