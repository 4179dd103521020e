import { describe, expect, it } from 'vitest';
import { providerConfigSchema } from './config.ts';
import { createProvider } from './create.ts';

describe('createProvider', () => {
  it('is offline when neither an api key nor a base URL is configured (empty env values count as unset)', () => {
    expect(createProvider({}).name).toBe('offline');
    expect(createProvider({ apiKey: '', baseURL: '' }).name).toBe('offline');
  });

  it('uses the OpenAI-compatible client when a key or base URL is set', () => {
    expect(createProvider({ apiKey: 'sk-test' }).name).toBe('openai');
    const ollama = createProvider({
      baseURL: 'http://127.0.0.1:11434/v1',
      name: 'ollama',
      model: 'llama3.1',
    });
    expect(ollama).toMatchObject({ name: 'ollama', defaultModel: 'llama3.1' });
  });

  it('can be forced offline even with a key', () => {
    expect(createProvider({ kind: 'offline', apiKey: 'sk-test' }).name).toBe('offline');
  });

  it('parses env-style strings, including a JSON price table', () => {
    const config = providerConfigSchema.parse({
      maxRetries: '5',
      timeoutMs: '30000',
      priceTable: '{"llama3.1":{"inputPerMTok":0,"outputPerMTok":0}}',
    });
    expect(config).toMatchObject({
      maxRetries: 5,
      timeoutMs: 30000,
      priceTable: { 'llama3.1': { inputPerMTok: 0 } },
    });
    expect(providerConfigSchema.safeParse({ priceTable: 'not json' }).success).toBe(false);
    expect(providerConfigSchema.safeParse({ baseURL: 'not a url' }).success).toBe(false);
  });
});
