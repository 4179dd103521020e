import { type ProviderConfigInput, providerConfigSchema } from './config.ts';
import { createOfflineProvider } from './offline.ts';
import { createOpenAIProvider } from './openai.ts';
import type { Provider } from './types.ts';

/**
 * Picks the provider for a configuration: OpenAI-compatible when an apiKey or baseURL is set
 * (or `kind: 'openai'`), otherwise the offline templates, so a fresh clone works end to end.
 */
export function createProvider(config: ProviderConfigInput): Provider {
  const parsed = providerConfigSchema.parse(config);
  const useModel =
    parsed.kind === 'openai' ||
    (parsed.kind === 'auto' && (parsed.apiKey !== undefined || parsed.baseURL !== undefined));
  return useModel ? createOpenAIProvider(parsed) : createOfflineProvider();
}
