import { createSecretBox, type SecretBox } from '@specboard/integrations';
import { env } from '../env.server.ts';

let box: SecretBox | undefined;

/** The box sealing integration credentials, or undefined when INTEGRATIONS_KEY is not set. */
export function integrationsSecretBox(): SecretBox | undefined {
  const { INTEGRATIONS_KEY, INTEGRATIONS_RETIRED_KEYS } = env();
  if (!INTEGRATIONS_KEY) return undefined;
  box ??= createSecretBox(INTEGRATIONS_KEY, INTEGRATIONS_RETIRED_KEYS);
  return box;
}
