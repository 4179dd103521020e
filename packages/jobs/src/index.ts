export { connectJobClient } from './client.ts';
export {
  type JobRetryPolicy,
  type QueueContract,
  scheduledRetry,
  ulid,
} from './contract.ts';
export { ensureQueue } from './ensure-queue.ts';
export * from './queues/ai.ts';
export * from './queues/board.ts';
export * from './queues/docs.ts';
export * from './queues/integrations.ts';
export * from './queues/mentions.ts';
export * from './queues/notifications.ts';
export * from './queues/versions.ts';
export {
  EnqueueError,
  type PlanRunRequest,
  planRunRequestSchema,
  type ReviewRequest,
  reviewRequestSchema,
  type SuggestRequest,
  suggestRequestSchema,
  type VersionTasksRequest,
  versionTasksRequestSchema,
} from './run-requests.ts';
export * from './runs.ts';
export { type SendOptions, send } from './send.ts';
export { type AiEndpoint, assertRunAllowed, createAllowedRun } from './spend-guard.ts';
export * from './spend-policy.ts';
