import { integrationsKeySchema, retiredKeysSchema } from '@specboard/integrations';
import { z } from 'zod';

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /** Unset: the embedded Postgres under .data/ (started by `pnpm dev`, or here when run alone). */
  DATABASE_URL: z.url().optional(),
  REDIS_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
  /** How many jobs of one queue this process runs at once. */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** Unset key and base URL: the offline template provider, so a fresh clone works end to end. */
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_BASE_URL: z.url().optional(),
  OPENAI_MODEL: z.string().default('gpt-4o-mini'),
  /** Label stored with every result, e.g. "openai", "azure", "ollama". */
  OPENAI_PROVIDER_NAME: z.string().default('openai'),
  /**
   * JSON `{model: {inputPerMTok, outputPerMTok}}`: the fallback for a model priced neither in the
   * list prices (`ai_price_defaults`) nor by the organisation (its AI settings page).
   */
  AI_PRICE_TABLE: z.string().optional(),
  /** How often streamed AI text is written into the shared document. */
  AI_STREAM_THROTTLE_MS: z.coerce.number().int().min(20).max(5_000).default(150),
  /**
   * The web app's secret: digest mail carries unsubscribe links signed with it, which the web app
   * checks. Unset: no notification digests are sent (the worker says so at start).
   */
  BETTER_AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Public origin of the web app, for the links in digest mail and in outgoing events. */
  BASE_URL: z.url().default('http://localhost:3000'),
  /** As in the web app: SMTP when set, else the dev outbox (/dev/outbox). */
  SMTP_URL: z
    .url()
    .refine((u) => /^smtps?:\/\//.test(u), 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Specboard <no-reply@specboard.dev>'),
  /** At most one notification digest per person this often. */
  NOTIFICATION_DIGEST_MINUTES: z.coerce.number().int().min(1).max(1_440).default(5),
  /** `<keyId>:<32 bytes base64>`: opens integration credentials (docs/decisions/016). */
  INTEGRATIONS_KEY: integrationsKeySchema.optional(),
  /** Keys retired by a rotation, still needed to open secrets sealed with them. */
  INTEGRATIONS_RETIRED_KEYS: retiredKeysSchema.optional(),
  /** Development only: deliveries may reach private and loopback addresses (local fakes). */
  INTEGRATIONS_ALLOW_PRIVATE_URLS: z.stringbool().default(false),
});

export type WorkerEnv = z.infer<typeof schema>;

/** Parses the environment once at start-up; lists every invalid variable, then exits. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): WorkerEnv {
  const parsed = schema.safeParse(
    Object.fromEntries(Object.entries(source).filter(([, v]) => v !== '')),
  );
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  process.stderr.write(`Invalid worker environment:\n${lines.join('\n')}\n`);
  process.exit(1);
}
