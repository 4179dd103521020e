import {
  createOfflineProvider,
  createProvider,
  offlineModel,
  offlineProviderName,
  type Provider,
  type ProviderConfigInput,
} from '@specboard/pipeline';
import type { WorkerEnv } from '../env.ts';

export interface ResolvedProvider {
  provider: Provider;
  /** The model actually asked for (recorded on the step row). */
  model: string;
}

/** Turns a step row's requested provider/model ("auto"/"default" or a project's choice) into a client. */
export type ProviderResolver = (requested: { provider: string; model: string }) => ResolvedProvider;

/**
 * One configured endpoint (or the offline templates when none is configured). A request for
 * "offline" always gets the templates; any other provider name means the configured endpoint,
 * with the requested model unless it is "default".
 */
export function createProviderResolver(config: ProviderConfigInput): ProviderResolver {
  const configured = createProvider(config);
  const offline = createOfflineProvider();
  return (requested) => {
    const provider = requested.provider === offlineProviderName ? offline : configured;
    if (provider.name === offlineProviderName) return { provider, model: offlineModel };
    const model = requested.model === 'default' ? provider.defaultModel : requested.model;
    return { provider, model };
  };
}

/** Maps the worker's environment onto the pipeline's provider configuration. */
export function providerConfigFromEnv(env: WorkerEnv): ProviderConfigInput {
  return {
    kind: 'auto',
    name: env.OPENAI_PROVIDER_NAME,
    apiKey: env.OPENAI_API_KEY,
    baseURL: env.OPENAI_BASE_URL,
    model: env.OPENAI_MODEL,
    ...(env.AI_PRICE_TABLE !== undefined ? { priceTable: env.AI_PRICE_TABLE } : {}),
  };
}
