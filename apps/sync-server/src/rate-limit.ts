/** Token bucket: `perSecond` units sustained, bursts up to `burst`. */
export class TokenBucket {
  readonly #perSecond: number;
  readonly #burst: number;
  #tokens: number;
  #updatedAt: number;

  constructor(options: { perSecond: number; burst: number }, now = Date.now()) {
    this.#perSecond = options.perSecond;
    this.#burst = options.burst;
    this.#tokens = options.burst;
    this.#updatedAt = now;
  }

  /** Takes `cost` units (one message, or a frame's bytes); false when not enough are left. */
  take(cost = 1, now = Date.now()): boolean {
    this.#refill(now);
    if (this.#tokens < cost) return false;
    this.#tokens -= cost;
    return true;
  }

  /** True when the bucket is back to its full burst (nothing to remember about this client). */
  isFull(now = Date.now()): boolean {
    this.#refill(now);
    return this.#tokens >= this.#burst;
  }

  #refill(now: number): void {
    const elapsed = Math.max(0, now - this.#updatedAt) / 1000;
    this.#tokens = Math.min(this.#burst, this.#tokens + elapsed * this.#perSecond);
    this.#updatedAt = now;
  }
}
