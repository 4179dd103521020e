import type { Database } from '@specboard/db';
import { emitOrgEvent, type OrgEvent } from '@specboard/integrations';
import type { Transaction } from 'kysely';
import type { JobDeps } from '../job.ts';

/**
 * Emits organisation events from a job, in the job's transaction. The runner always hands jobs
 * its queue client; a job run without one (a unit test calling `perform`) has nowhere to enqueue
 * deliveries, which is logged rather than failing the job's own work.
 */
export async function emitFromJob(
  deps: Pick<JobDeps, 'boss' | 'logger'>,
  trx: Transaction<Database>,
  orgId: string,
  events: readonly OrgEvent[],
): Promise<void> {
  if (events.length === 0) return;
  if (!deps.boss) {
    deps.logger.debug(
      { orgId, kinds: events.map((e) => e.kind) },
      'no job queue: events not emitted',
    );
    return;
  }
  for (const event of events) await emitOrgEvent(deps.boss, trx, orgId, event);
}
