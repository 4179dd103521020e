import { productionSecretProblems } from '@specboard/doc/secrets';
import { integrationsKeySchema, retiredKeysSchema } from '@specboard/integrations';
import { z } from 'zod';

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  DATABASE_URL: z.url(),
  /** The bus the sync servers listen on (Postgres NOTIFY when unset), for server-side doc writes. */
  REDIS_URL: z.url().optional(),
  /** Public origin of this app; auth cookies and the origin check of every mutation use it. */
  BASE_URL: z.url().default('http://localhost:3000'),
  BETTER_AUTH_SECRET: z.string().min(32, 'must be at least 32 characters'),
  SYNC_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters'),
  /** Where browsers reach the sync server, e.g. ws://localhost:1234 (no /collab suffix). */
  SYNC_PUBLIC_URL: z.url().refine((u) => /^wss?:\/\//.test(u), 'must be a ws:// or wss:// URL'),
  /** Sync tokens are short-lived; the editor fetches a fresh one before this runs out. */
  SYNC_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(3600).default(300),
  /** Attempts per account per minute on any auth POST (sign-in, sign-up, password reset). */
  SIGN_IN_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  /**
   * How many proxies in front of the app append the address they saw to `X-Forwarded-For`.
   * 0 (the default): the header is the client's to choose and is ignored; the client address is
   * the TCP peer. N: the Nth entry from the right is the client, as the outermost proxy saw it.
   */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /**
   * Outgoing mail server, e.g. smtps://user:pass@smtp.example.com:465. Without it mail is kept
   * in the dev outbox (the dev_outbox table, shown at /dev/outbox outside production).
   */
  SMTP_URL: z
    .url()
    .refine((u) => /^smtps?:\/\//.test(u), 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Specboard <no-reply@specboard.dev>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * `<keyId>:<32 bytes base64>`: seals integration credentials (AES-256-GCM). Unset: the
   * integrations page explains that integrations cannot be connected.
   */
  INTEGRATIONS_KEY: integrationsKeySchema.optional(),
  /** Keys retired by a rotation (docs/decisions/016-integrations.md), comma-separated. */
  INTEGRATIONS_RETIRED_KEYS: retiredKeysSchema.optional(),
  /**
   * The worker's AI endpoint, set to the worker's values. The app calls no model: it only needs
   * to know whether either is set, since without both the worker drafts every run with the free
   * offline templates (the budgets then refuse nothing and the AI pages say so). The key is
   * dropped once parsed.
   */
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_BASE_URL: z.url().optional(),
});

const withAiEndpoint = schema.transform(({ OPENAI_API_KEY, OPENAI_BASE_URL, ...rest }) => ({
  ...rest,
  AI_ENDPOINT_CONFIGURED: OPENAI_API_KEY !== undefined || OPENAI_BASE_URL !== undefined,
}));

export type Env = z.output<typeof withAiEndpoint>;

const SECRETS = ['BETTER_AUTH_SECRET', 'SYNC_TOKEN_SECRET'] as const;

let parsed: Env | undefined;

/**
 * Parses `source`; throws with every problem listed. In production each secret must also pass
 * the shared rule (@specboard/doc/secrets): present, 32 bytes or more, not a placeholder.
 */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const set = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ''));
  const result = withAiEndpoint.safeParse(set);
  const secretProblems = productionSecretProblems(set.NODE_ENV ?? 'development', set, SECRETS);
  // One line per variable: the production rule already covers a secret's presence and length.
  const reported = new Set(secretProblems.map((problem) => problem.split(':')[0]));
  const lines = [
    ...(result.success ? [] : result.error.issues)
      .filter((issue) => !reported.has(String(issue.path[0])))
      .map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    ...secretProblems,
  ];
  if (!result.success || lines.length > 0) {
    throw new Error(`Invalid web environment:\n${lines.map((line) => `  ${line}`).join('\n')}`);
  }
  return result.data;
}

/** The environment, parsed on first use; a bad environment fails with every problem listed. */
export function env(): Env {
  parsed ??= parseEnv(process.env);
  return parsed;
}

// The server bundle loads this module at boot: in production a bad environment stops the process
// there, naming each variable, instead of failing the first request.
if (process.env.NODE_ENV === 'production') env();

/** The only settings the browser sees. */
export function publicEnv(): { syncUrl: string } {
  return { syncUrl: env().SYNC_PUBLIC_URL };
}
