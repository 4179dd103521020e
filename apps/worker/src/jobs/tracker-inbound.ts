import { trackerInboundQueue } from '@specboard/jobs';
import type { AiJobDeps } from '../ai/deps.ts';
import { applyTrackerStatus } from '../integrations/tracker-status.ts';
import { defineJob } from '../job.ts';

/** A status change from a tracker's webhook (verified by the web app), applied to the mapped card. */
export const trackerInboundJob = defineJob<typeof trackerInboundQueue.payload, AiJobDeps>({
  contract: trackerInboundQueue,
  async perform(payload, deps) {
    const outcome = await applyTrackerStatus(deps, payload);
    deps.logger.info({ ...payload, outcome }, 'tracker status applied');
    return { outcome };
  },
});
