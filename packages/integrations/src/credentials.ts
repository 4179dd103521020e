import { z } from 'zod';
import type { SecretBox } from './secret-box.ts';

/**
 * What is sealed for an integration: everything that grants access. A webhook or chat URL is
 * treated as a credential too (Slack and Teams URLs are bearer tokens), so the browser only ever
 * sees its host, kept in the integration's `config`.
 */
export const credentialsSchema = z.object({
  url: z.url(),
  /** `whsec_…`: signs webhook deliveries. */
  signingSecret: z.string().startsWith('whsec_').optional(),
  /** Jira Cloud: the account and API token the issues are written as. */
  email: z.string().optional(),
  apiToken: z.string().optional(),
  /** Jira: the secret of its webhook, which signs what Jira sends us. */
  webhookSecret: z.string().optional(),
});
export type Credentials = z.infer<typeof credentialsSchema>;

export function sealCredentials(box: SecretBox, credentials: Credentials): string {
  return box.seal(JSON.stringify(credentialsSchema.parse(credentials)));
}

export function openCredentials(box: SecretBox, sealed: string): Credentials {
  return credentialsSchema.parse(JSON.parse(box.open(sealed)));
}
