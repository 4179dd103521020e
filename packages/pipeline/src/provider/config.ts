import { z } from 'zod';
import { priceTableSchema } from './cost.ts';

/** Published list prices (USD per million tokens) for common models; override with `priceTable`. */
export const defaultPriceTable = {
  'gpt-4o': { inputPerMTok: 2.5, outputPerMTok: 10 },
  'gpt-4o-mini': { inputPerMTok: 0.15, outputPerMTok: 0.6 },
};

const blankToUndefined = (value: unknown) => (value === '' ? undefined : value);

/** Env values arrive as strings: the price table may be given as JSON text. */
const priceTableInput = z.preprocess((value, context) => {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    context.addIssue({ code: 'custom', message: 'priceTable must be JSON' });
    return z.NEVER;
  }
}, priceTableSchema);

/**
 * Provider settings. Apps map their env onto this shape and parse it once at start; strings are
 * coerced so env values can be passed as they are.
 */
export const providerConfigSchema = z.object({
  /** `auto`: offline unless an apiKey or baseURL is configured. */
  kind: z.enum(['auto', 'openai', 'offline']).default('auto'),
  /** Label recorded on results, e.g. "openai", "azure", "ollama". */
  name: z.preprocess(blankToUndefined, z.string().default('openai')),
  baseURL: z.preprocess(blankToUndefined, z.url().optional()),
  apiKey: z.preprocess(blankToUndefined, z.string().optional()),
  model: z.preprocess(blankToUndefined, z.string().default('gpt-4o-mini')),
  timeoutMs: z.coerce.number().int().positive().default(120_000),
  maxRetries: z.coerce.number().int().min(0).max(10).default(3),
  retryBaseDelayMs: z.coerce.number().int().min(0).default(500),
  retryMaxDelayMs: z.coerce.number().int().min(0).default(20_000),
  maxRetryAfterMs: z.coerce.number().int().min(0).default(60_000),
  priceTable: priceTableInput.default(defaultPriceTable),
});

export type ProviderConfig = z.output<typeof providerConfigSchema>;
export type ProviderConfigInput = z.input<typeof providerConfigSchema>;
