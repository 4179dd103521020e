/**
 * A 429 from another tool's API, waited out in place when its `Retry-After` is short. jira.js
 * and confluence.js throw a `RateLimitError` carrying `retryAfterMs` but never retry it by
 * themselves (their `withRetry` would wait however long the header says); Octokit throws a
 * `RequestError` with the response headers. Both shapes are read here.
 */

/** The tool kept answering 429, or asked for a longer wait than a push may spend in place. */
export class RateLimitedError extends Error {
  readonly retryAfterMs: number | undefined;
  constructor(message: string, retryAfterMs: number | undefined, options?: ErrorOptions) {
    super(message, options);
    this.retryAfterMs = retryAfterMs;
  }
}

export interface RateLimitPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** The longest wait taken in place; a longer `Retry-After` stops the push at once. */
  maxWaitMs: number;
  /** Wait used when a 429 names no `Retry-After`. */
  defaultWaitMs: number;
  /** Injected so tests can observe the waits instead of spending them. */
  sleep?: (ms: number) => Promise<void>;
}

export const defaultRateLimitPolicy: RateLimitPolicy = {
  attempts: 3,
  maxWaitMs: 30_000,
  defaultWaitMs: 5_000,
};

/** `Retry-After` in milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null | undefined, now = Date.now()) {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1_000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

interface ErrorShape {
  status?: unknown;
  retryAfterMs?: unknown;
  response?: { headers?: Record<string, string | undefined> };
}

/**
 * Null when the error is not a rate limit; else the wait it asks for (undefined: not said). A
 * GitHub secondary rate limit is a 403 with `Retry-After`, so that counts too.
 */
export function rateLimitOf(error: unknown): { retryAfterMs: number | undefined } | null {
  if (typeof error !== 'object' || error === null) return null;
  const shape = error as ErrorShape;
  const header = shape.response?.headers?.['retry-after'];
  if (shape.status === 429 || (shape.status === 403 && header !== undefined)) {
    const given = typeof shape.retryAfterMs === 'number' ? shape.retryAfterMs : undefined;
    return { retryAfterMs: given ?? parseRetryAfter(header) };
  }
  return null;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `operation`, and after a 429 waits what `Retry-After` asks (at most `maxWaitMs`) and
 * tries again, up to `attempts` in all. A longer wait, or a 429 on the last attempt, throws
 * `RateLimitedError` with the wait asked for, so the caller's job can retry later. Any other
 * error is rethrown untouched.
 */
export async function withRateLimitRetry<T>(
  tool: string,
  operation: () => Promise<T>,
  policy: RateLimitPolicy = defaultRateLimitPolicy,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      const limit = rateLimitOf(error);
      if (!limit) throw error;
      const wait = limit.retryAfterMs ?? policy.defaultWaitMs;
      const said = limit.retryAfterMs === undefined ? 'no Retry-After' : `Retry-After ${wait} ms`;
      if (attempt >= policy.attempts || wait > policy.maxWaitMs) {
        throw new RateLimitedError(
          `${tool} rate-limited the request (429, ${said}) after ${attempt} attempt(s)`,
          limit.retryAfterMs,
          { cause: error },
        );
      }
      await (policy.sleep ?? sleep)(wait);
    }
  }
}
