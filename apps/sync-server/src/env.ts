import { randomBytes } from 'node:crypto';
import { productionSecretProblems } from '@specboard/doc/secrets';
import { z } from 'zod';

const int = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  PORT: int(1234).pipe(z.number().max(65_535)),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** The operations listener (/metrics, /internal/*): never the public port. */
  INTERNAL_PORT: int(1235).pipe(z.number().max(65_535)),
  INTERNAL_HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.url().optional(),
  REDIS_URL: z.url().optional(),
  SYNC_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Bearer secret of the operations listener; required in production, never the token secret. */
  SYNC_INTERNAL_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SYNC_FLUSH_MS: int(50, 1),
  SYNC_MAX_MESSAGE_BYTES: int(2 * 1024 * 1024, 1024),
  SYNC_RATE_LIMIT_PER_SECOND: int(2_000, 1),
  SYNC_RATE_LIMIT_BURST: int(300_000, 1),
  SYNC_RATE_LIMIT_BYTES_PER_SECOND: int(256 * 1024, 1),
  SYNC_RATE_LIMIT_BYTES_BURST: int(8 * 1024 * 1024, 1),
  SYNC_MAX_CONNECTIONS_PER_DOC: int(500, 1),
  SYNC_MAX_CONNECTIONS_PER_ADDRESS: int(256, 1),
  SYNC_HANDSHAKES_PER_SECOND: int(20, 1),
  SYNC_HANDSHAKE_BURST: int(100, 1),
  SYNC_COMPACT_ROWS: int(2_000, 1),
  SYNC_COMPACT_BYTES: int(4 * 1024 * 1024, 1),
  SYNC_CATCH_UP_MS: int(2_000, 100),
  /**
   * On SIGTERM, how long /readyz answers 503 while live connections keep working, before they are
   * closed with 1012: a load balancer checking /readyz stops sending newcomers first. 0: close at once.
   */
  SYNC_DRAIN_MS: int(0),
  /** How often the gauges that need a table scan (doc_updates totals) are sampled. */
  SYNC_METRICS_SAMPLE_MS: int(15_000, 100),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

const SECRETS = ['SYNC_TOKEN_SECRET', 'SYNC_INTERNAL_SECRET'] as const;

export interface Env {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  internalPort: number;
  internalHost: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  tokenSecret: string;
  /** True when the secret was generated because none was given (development only). */
  tokenSecretGenerated: boolean;
  internalSecret: string;
  /** True when the internal secret was generated because none was given (not production). */
  internalSecretGenerated: boolean;
  flushMs: number;
  maxMessageBytes: number;
  rateLimit: { perSecond: number; burst: number };
  byteRateLimit: { perSecond: number; burst: number };
  maxConnectionsPerDoc: number;
  /** Per client address: open connections, and upgrade requests per second. */
  addressLimits: { maxConnections: number; handshakes: { perSecond: number; burst: number } };
  compaction: { rows: number; bytes: number };
  catchUpMs: number;
  drainMs: number;
  metricsSampleMs: number;
  logLevel: string;
}

export type EnvResult = { ok: true; env: Env } | { ok: false; problems: string[] };

/** Parses the environment; lists every bad variable at once. The only reader of process.env. */
export function parseEnv(source: Record<string, string | undefined>): EnvResult {
  const emptyAsUnset = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ''));
  const parsed = envSchema.safeParse(emptyAsUnset);
  const nodeEnv = emptyAsUnset.NODE_ENV ?? 'production';
  const secretProblems = productionSecretProblems(nodeEnv, emptyAsUnset, SECRETS);
  // One line per variable: the production rule already covers a secret's length.
  const reported = new Set(secretProblems.map((problem) => problem.split(':')[0]));
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues)
      .filter((issue) => !reported.has(String(issue.path[0])))
      .map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    ...secretProblems,
  ];
  if (!emptyAsUnset.SYNC_TOKEN_SECRET && nodeEnv === 'test') {
    problems.push('SYNC_TOKEN_SECRET: required unless NODE_ENV=development');
  }
  if (
    parsed.success &&
    parsed.data.SYNC_RATE_LIMIT_BYTES_BURST < parsed.data.SYNC_MAX_MESSAGE_BYTES
  ) {
    problems.push(
      'SYNC_RATE_LIMIT_BYTES_BURST: must be at least SYNC_MAX_MESSAGE_BYTES, or a largest frame could never be sent',
    );
  }
  if (!parsed.success || problems.length > 0) return { ok: false, problems };
  const e = parsed.data;
  const tokenSecret = e.SYNC_TOKEN_SECRET ?? randomBytes(32).toString('hex');
  return {
    ok: true,
    env: {
      nodeEnv: e.NODE_ENV,
      port: e.PORT,
      host: e.HOST,
      internalPort: e.INTERNAL_PORT,
      internalHost: e.INTERNAL_HOST,
      databaseUrl: e.DATABASE_URL,
      redisUrl: e.REDIS_URL,
      tokenSecret,
      tokenSecretGenerated: e.SYNC_TOKEN_SECRET === undefined,
      internalSecret: e.SYNC_INTERNAL_SECRET ?? randomBytes(32).toString('base64'),
      internalSecretGenerated: e.SYNC_INTERNAL_SECRET === undefined,
      flushMs: e.SYNC_FLUSH_MS,
      maxMessageBytes: e.SYNC_MAX_MESSAGE_BYTES,
      rateLimit: { perSecond: e.SYNC_RATE_LIMIT_PER_SECOND, burst: e.SYNC_RATE_LIMIT_BURST },
      byteRateLimit: {
        perSecond: e.SYNC_RATE_LIMIT_BYTES_PER_SECOND,
        burst: e.SYNC_RATE_LIMIT_BYTES_BURST,
      },
      maxConnectionsPerDoc: e.SYNC_MAX_CONNECTIONS_PER_DOC,
      addressLimits: {
        maxConnections: e.SYNC_MAX_CONNECTIONS_PER_ADDRESS,
        handshakes: { perSecond: e.SYNC_HANDSHAKES_PER_SECOND, burst: e.SYNC_HANDSHAKE_BURST },
      },
      compaction: { rows: e.SYNC_COMPACT_ROWS, bytes: e.SYNC_COMPACT_BYTES },
      catchUpMs: e.SYNC_CATCH_UP_MS,
      drainMs: e.SYNC_DRAIN_MS,
      metricsSampleMs: e.SYNC_METRICS_SAMPLE_MS,
      logLevel: e.LOG_LEVEL,
    },
  };
}

export function loadEnv(): Env {
  const result = parseEnv(process.env);
  if (!result.ok) {
    process.stderr.write(
      `sync-server: invalid environment:\n${result.problems.map((p) => `  - ${p}`).join('\n')}\n`,
    );
    process.exit(1);
  }
  return result.env;
}
