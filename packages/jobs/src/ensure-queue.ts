import type { PgBoss } from 'pg-boss';
import type { QueueContract } from './contract.ts';
import { runFailedQueue } from './queues/ai.ts';

/** The queues a policy may name as its dead letter queue. */
const deadLetterQueues: readonly Pick<QueueContract, 'name' | 'retry'>[] = [runFailedQueue];

/**
 * Creates a queue with its policy, after the dead letter queue it names (pg-boss refuses a dead
 * letter queue that does not exist). pg-boss leaves an existing queue as it is, so the worker
 * passes `update` to bring queues created by an older release, or by the web app, to the policy.
 */
export async function ensureQueue(
  boss: PgBoss,
  queue: Pick<QueueContract, 'name' | 'retry'>,
  options: { update: boolean } = { update: false },
): Promise<void> {
  const { deadLetter } = queue.retry;
  if (deadLetter !== undefined) {
    const target = deadLetterQueues.find((candidate) => candidate.name === deadLetter);
    if (!target) throw new Error(`queue ${queue.name} names an unknown dead letter queue`);
    await boss.createQueue(target.name, target.retry);
  }
  await boss.createQueue(queue.name, queue.retry);
  if (options.update) await boss.updateQueue(queue.name, queue.retry);
}
