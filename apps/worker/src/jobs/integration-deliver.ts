import { deliver } from '@specboard/integrations';
import { integrationDeliverQueue } from '@specboard/jobs';
import type { AiJobDeps } from '../ai/deps.ts';
import { defineJob } from '../job.ts';

/**
 * One attempt at delivering an event to an integration; a failed attempt throws, so pg-boss
 * retries it with exponential back-off (the policy is in the queue contract). Idempotent: a
 * delivery that already succeeded is not sent again.
 */
export const integrationDeliverJob = defineJob<typeof integrationDeliverQueue.payload, AiJobDeps>({
  contract: integrationDeliverQueue,
  async perform({ orgId, deliveryId }, deps) {
    const outcome = await deliver(
      {
        db: deps.db,
        box: deps.integrations?.box,
        allowPrivate: deps.integrations?.allowPrivate ?? false,
        appBaseUrl: deps.integrations?.appBaseUrl ?? 'http://localhost:3000',
      },
      orgId,
      deliveryId,
    );
    deps.logger.info({ orgId, deliveryId, outcome }, 'integration delivery attempted');
    return { outcome };
  },
});
