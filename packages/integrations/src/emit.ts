import { type Database, newId } from '@specboard/db';
import { createDeliveries, listSubscribers } from '@specboard/db/integrations';
import { integrationDeliverQueue, send } from '@specboard/jobs';
import type { Transaction } from 'kysely';
import type { PgBoss } from 'pg-boss';
import { type OrgEvent, orgEventSchema, type WebhookBody } from './events.ts';

/** A Standard Webhooks message id: the receiver's idempotency key, kept across retries. */
export function newEventId(): string {
  return `msg_${newId()}`;
}

export function webhookBody(
  kind: string,
  summary: string,
  data: Record<string, unknown>,
): WebhookBody {
  return { type: kind, timestamp: new Date().toISOString(), summary, data };
}

/**
 * Records one delivery per active integration of `orgId` subscribed to `event.kind`, and
 * enqueues them in `trx`: the deliveries exist exactly when the change that caused the event
 * commits. Returns how many were enqueued.
 */
export async function emitOrgEvent(
  boss: PgBoss,
  trx: Transaction<Database>,
  orgId: string,
  event: OrgEvent,
): Promise<number> {
  const { kind, summary, data } = orgEventSchema.parse(event);
  // A channel set up for one project hears only that project's events.
  const subscribers = (await listSubscribers(trx, orgId, kind)).filter(
    (integration) =>
      typeof integration.config.projectId !== 'string' ||
      integration.config.projectId === data.projectId,
  );
  if (subscribers.length === 0) return 0;
  const eventId = newEventId();
  const payload = { ...webhookBody(kind, summary, data) };
  const ids = await createDeliveries(
    trx,
    orgId,
    subscribers.map((integration) => ({
      integrationId: integration.id,
      eventId,
      eventKind: kind,
      payload,
    })),
  );
  for (const deliveryId of ids) {
    await send(boss, integrationDeliverQueue, { orgId, deliveryId }, { db: trx });
  }
  return ids.length;
}

/** Enqueues a delivery already recorded (a test event, a redelivery), with `trx` when given. */
export async function enqueueDelivery(
  boss: PgBoss,
  orgId: string,
  deliveryId: string,
  trx?: Transaction<Database>,
): Promise<void> {
  await send(boss, integrationDeliverQueue, { orgId, deliveryId }, trx ? { db: trx } : {});
}
