import type { Bus } from '@specboard/bus';
import type { SecretBox } from '@specboard/integrations';
import type { JobDeps } from '../job.ts';
import type { ProviderResolver } from './providers.ts';

/** What the AI jobs need besides the database and a logger. */
export interface AiJobDeps extends JobDeps {
  /** Publishes document updates to the sync servers after they are stored. */
  bus: Bus;
  providers: ProviderResolver;
  /** Streamed text is written into the shared document at most this often. */
  streamThrottleMs: number;
  /** How often a running step checks whether its run was cancelled. */
  cancelPollMs: number;
  /** Outgoing integrations; without it (no INTEGRATIONS_KEY) deliveries fail and say why. */
  integrations?: { box: SecretBox | undefined; allowPrivate: boolean; appBaseUrl: string };
}
