/**
 * A fixed-window counter per key, in memory. Enough for one web process; several instances
 * behind a balancer would each allow the limit (documented trade-off: no shared store needed).
 */
export class RateLimiter {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #hits = new Map<string, { count: number; resetAt: number }>();

  constructor(limit: number, windowMs: number) {
    this.#limit = limit;
    this.#windowMs = windowMs;
  }

  /** Counts an attempt; returns the seconds to wait when the key is over its limit. */
  hit(key: string, now = Date.now()): { allowed: true } | { allowed: false; retryAfter: number } {
    const entry = this.#hits.get(key);
    if (!entry || entry.resetAt <= now) {
      this.#hits.set(key, { count: 1, resetAt: now + this.#windowMs });
      this.#sweep(now);
      return { allowed: true };
    }
    entry.count += 1;
    if (entry.count <= this.#limit) return { allowed: true };
    return { allowed: false, retryAfter: Math.ceil((entry.resetAt - now) / 1000) };
  }

  #sweep(now: number): void {
    if (this.#hits.size < 10_000) return;
    for (const [key, entry] of this.#hits) if (entry.resetAt <= now) this.#hits.delete(key);
  }
}
