import { describe, expect, it } from 'vitest';
import {
  parseRetryAfter,
  RateLimitedError,
  rateLimitOf,
  withRateLimitRetry,
} from './rate-limit.ts';

describe('Retry-After', () => {
  it('reads delta-seconds and HTTP dates, and ignores anything else', () => {
    const now = Date.parse('Tue, 01 Dec 2026 08:00:00 GMT');
    expect(parseRetryAfter('7', now)).toBe(7_000);
    expect(parseRetryAfter('Tue, 01 Dec 2026 08:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('knows jira.js-style and Octokit-style rate-limit errors, and nothing else', () => {
    expect(rateLimitOf({ status: 429, retryAfterMs: 2_000 })).toEqual({ retryAfterMs: 2_000 });
    expect(rateLimitOf({ status: 429, response: { headers: { 'retry-after': '3' } } })).toEqual({
      retryAfterMs: 3_000,
    });
    expect(rateLimitOf({ status: 403, response: { headers: { 'retry-after': '4' } } })).toEqual({
      retryAfterMs: 4_000,
    });
    expect(rateLimitOf({ status: 403, response: { headers: {} } })).toBeNull();
    expect(rateLimitOf(new Error('boom'))).toBeNull();
  });

  it('waits the default when no Retry-After is given, and gives up after the last attempt', async () => {
    const waits: number[] = [];
    let calls = 0;
    const attempt = withRateLimitRetry(
      'Jira',
      async () => {
        calls++;
        throw { status: 429 };
      },
      {
        attempts: 2,
        maxWaitMs: 10_000,
        defaultWaitMs: 1_500,
        sleep: async (ms) => {
          waits.push(ms);
        },
      },
    );
    await expect(attempt).rejects.toBeInstanceOf(RateLimitedError);
    await expect(attempt).rejects.toThrow(
      'Jira rate-limited the request (429, no Retry-After) after 2 attempt(s)',
    );
    expect(waits).toEqual([1_500]);
    expect(calls).toBe(2);
  });
});
