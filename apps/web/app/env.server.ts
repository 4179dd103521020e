import { z } from 'zod';

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  DATABASE_URL: z.url(),
  /** Public origin of this app; auth cookies and the origin check of every mutation use it. */
  BASE_URL: z.url().default('http://localhost:3000'),
  BETTER_AUTH_SECRET: z.string().min(32, 'must be at least 32 characters'),
  SYNC_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters'),
  /** Where browsers reach the sync server, e.g. ws://localhost:1234 (no /collab suffix). */
  SYNC_PUBLIC_URL: z.url().refine((u) => /^wss?:\/\//.test(u), 'must be a ws:// or wss:// URL'),
  /**
   * Where this app reaches the sync server's internal routes (access revocation); defaults to
   * SYNC_PUBLIC_URL over http(s).
   */
  SYNC_INTERNAL_URL: z.url().optional(),
  /** Bearer secret of those routes; the sync server defaults it to SYNC_TOKEN_SECRET too. */
  SYNC_INTERNAL_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Sync tokens are short-lived; the editor fetches a fresh one before this runs out. */
  SYNC_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(3600).default(300),
  SIGN_IN_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  /** Only behind a proxy that overwrites X-Forwarded-For may that header name the client. */
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = z.infer<typeof schema>;

let parsed: Env | undefined;

/** The environment, parsed on first use; a bad environment fails with every problem listed. */
export function env(): Env {
  if (parsed) return parsed;
  const result = schema.safeParse(
    Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== '')),
  );
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid web environment:\n${lines.join('\n')}`);
  }
  parsed = result.data;
  return parsed;
}

/** The only settings the browser sees. */
export function publicEnv(): { syncUrl: string } {
  return { syncUrl: env().SYNC_PUBLIC_URL };
}
