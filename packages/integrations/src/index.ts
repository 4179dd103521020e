export { ForbiddenAddressError, isForbiddenAddress } from './address-guard.ts';
export { type ChatKind, chatKinds, isChatKind } from './chat/format.ts';
export {
  ConfluenceRetryableError,
  type ConfluenceRuntime,
  type PublishResult,
  publishVersionToConfluence,
  type VersionToPublish,
} from './confluence/publish.ts';
export {
  type Credentials,
  credentialsSchema,
  openCredentials,
  sealCredentials,
} from './credentials.ts';
export { DeliveryFailedError, type DeliveryRuntime, deliver } from './deliver.ts';
export { emitOrgEvent, enqueueDelivery, newEventId, webhookBody } from './emit.ts';
export {
  type OrgEvent,
  type OrgEventKind,
  orgEventKindLabels,
  orgEventKinds,
  TEST_EVENT_KIND,
} from './events.ts';
export {
  githubColumnFor,
  githubIssueEventSchema,
  verifyGitHubSignature,
} from './github/inbound.ts';
export { pushCardsToGitHub } from './github/push.ts';
export { INBOUND_FRESH_SECONDS, type InboundStamp, inboundStamp } from './inbound-stamp.ts';
export {
  boardColumnFor,
  type JiraIssueEvent,
  jiraIssueEventSchema,
  verifyJiraSignature,
} from './jira/inbound.ts';
export { type PushResult, pushCardsToJira, type TrackerRuntime } from './jira/push.ts';
export type { OutgoingCard } from './outgoing-card.ts';
export {
  defaultRateLimitPolicy,
  parseRetryAfter,
  RateLimitedError,
  type RateLimitPolicy,
  rateLimitOf,
  withRateLimitRetry,
} from './rate-limit.ts';
export {
  createSecretBox,
  integrationsKeySchema,
  retiredKeysSchema,
  type SecretBox,
  SecretBoxError,
} from './secret-box.ts';
export { newSigningSecret, signedHeaders } from './signing.ts';
