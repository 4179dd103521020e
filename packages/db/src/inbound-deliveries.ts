import { sql } from 'kysely';
import type { Db } from './client.ts';
import { newId } from './ids.ts';
import { withOrg } from './org-scope.ts';

export interface InboundDelivery {
  integrationId: string;
  deliveryId: string;
  bodySha256: string;
  sentAt: Date;
  /** Rows of this integration older than this are pruned: past it, a body is refused as stale. */
  keepSeconds: number;
}

/**
 * Records an inbound webhook as received, in the organisation's scope; false when its delivery
 * id or its body was received before (a replay, or the sender retrying one already handled).
 * Prunes the integration's rows past `keepSeconds` on the way, so the table holds one freshness
 * window per integration. Pass the caller's transaction to queue the work it allows atomically
 * with the claim.
 */
export async function claimInboundDelivery(
  db: Db,
  orgId: string,
  delivery: InboundDelivery,
): Promise<boolean> {
  return withOrg(db, orgId, async (trx) => {
    await trx
      .deleteFrom('inbound_deliveries')
      .where('org_id', '=', orgId)
      .where('integration_id', '=', delivery.integrationId)
      .where('created_at', '<', sql<Date>`now() - make_interval(secs => ${delivery.keepSeconds})`)
      .execute();
    const inserted = await trx
      .insertInto('inbound_deliveries')
      .values({
        id: newId(),
        org_id: orgId,
        integration_id: delivery.integrationId,
        delivery_id: delivery.deliveryId,
        body_sha256: delivery.bodySha256,
        sent_at: delivery.sentAt,
      })
      .onConflict((conflict) => conflict.doNothing())
      .returning('id')
      .executeTakeFirst();
    return inserted !== undefined;
  });
}
