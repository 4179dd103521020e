import { type ProviderConfigInput, providerConfigSchema } from '../provider/config.ts';
import { createOpenAIProvider } from '../provider/openai.ts';
import type { FakeOpenAIServer } from './fake-openai-server.ts';

/** An OpenAI-compatible provider pointed at the fake server, with short back-off for tests. */
export function providerFor(
  server: FakeOpenAIServer,
  overrides: Partial<ProviderConfigInput> = {},
) {
  return createOpenAIProvider(
    providerConfigSchema.parse({
      kind: 'openai',
      name: 'fake',
      baseURL: server.baseURL,
      apiKey: 'test-key',
      model: 'gpt-4o-mini',
      retryBaseDelayMs: 5,
      retryMaxDelayMs: 20,
      ...overrides,
    }),
  );
}
