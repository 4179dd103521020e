import { withOrg } from '@specboard/db';
import { emitOrgEvent, type OrgEvent } from '@specboard/integrations';
import { db } from '../db.server.ts';
import { logger } from '../logger.server.ts';
import { jobQueue } from '../runs/job-queue.server.ts';

/**
 * Emits an event after a change the web app already committed (the repository call that made
 * it ran its own transaction). The change stands either way: a failure here is logged with the
 * event, never turned into an error for the person who made the change.
 */
export async function emitAfterCommit(orgId: string, event: OrgEvent): Promise<void> {
  try {
    const { boss } = await jobQueue();
    await withOrg(db(), orgId, (trx) => emitOrgEvent(boss, trx, orgId, event));
  } catch (error) {
    logger().error({ err: error, orgId, kind: event.kind }, 'could not emit an organisation event');
  }
}
