import { describe, expect, it } from 'vitest';
import { backoffDelayMs, defaultRetryPolicy, retryAfterMs } from './retry.ts';

describe('retry timing', () => {
  it('reads retry-after-ms before retry-after, and retry-after as seconds or an HTTP date', () => {
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '150', 'retry-after': '9' }))).toBe(150);
    expect(retryAfterMs(new Headers({ 'retry-after': '2' }))).toBe(2000);
    const now = Date.parse('2030-01-01T00:00:00Z');
    expect(retryAfterMs(new Headers({ 'retry-after': 'Tue, 01 Jan 2030 00:00:05 GMT' }), now)).toBe(
      5000,
    );
    expect(retryAfterMs(new Headers({ 'retry-after': 'soon' }))).toBeNull();
    expect(retryAfterMs(undefined)).toBeNull();
  });

  it('backs off exponentially with full jitter, capped at the maximum', () => {
    const policy = { ...defaultRetryPolicy, baseDelayMs: 100, maxDelayMs: 1000 };
    expect([0, 1, 2, 3, 4].map((n) => backoffDelayMs(n, policy, () => 0.999))).toEqual([
      99, 199, 399, 799, 999,
    ]);
    expect(backoffDelayMs(3, policy, () => 0)).toBe(0);
  });
});
