import { TokenBucket } from './rate-limit.ts';

export interface AddressLimitOptions {
  /** Open (or opening) websockets per client address. */
  maxConnections: number;
  /** Upgrade requests per second per client address, sustained and in a burst. */
  handshakes: { perSecond: number; burst: number };
}

interface Entry {
  open: number;
  handshakes: TokenBucket;
}

export type Admission = { ok: true; release: () => void } | { ok: false; reason: string };

/** How often entries of addresses with nothing open and a full bucket are forgotten. */
const SWEEP_MS = 10_000;

/**
 * Per-client-address limits on upgrade requests, checked before the token (so a flood of
 * handshakes costs neither a signature check nor a socket). The address is the TCP peer's, never
 * a header: without a trusted proxy, `X-Forwarded-For` is the client's to choose.
 */
export class AddressLimits {
  readonly #options: AddressLimitOptions;
  readonly #entries = new Map<string, Entry>();
  readonly #sweep: NodeJS.Timeout;

  constructor(options: AddressLimitOptions) {
    this.#options = options;
    this.#sweep = setInterval(() => this.#forgetIdle(), SWEEP_MS);
    this.#sweep.unref();
  }

  /** Counts one handshake and reserves a connection slot; `release` frees it (idempotent). */
  admit(address: string): Admission {
    let entry = this.#entries.get(address);
    if (!entry) {
      entry = { open: 0, handshakes: new TokenBucket(this.#options.handshakes) };
      this.#entries.set(address, entry);
    }
    if (!entry.handshakes.take()) return { ok: false, reason: 'too many handshakes' };
    if (entry.open >= this.#options.maxConnections) {
      return { ok: false, reason: 'too many connections from this address' };
    }
    entry.open++;
    const held = entry;
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        held.open--;
      },
    };
  }

  /** Open connections from `address` (for tests and metrics). */
  openFrom(address: string): number {
    return this.#entries.get(address)?.open ?? 0;
  }

  close(): void {
    clearInterval(this.#sweep);
  }

  #forgetIdle(): void {
    for (const [address, entry] of this.#entries) {
      if (entry.open === 0 && entry.handshakes.isFull()) this.#entries.delete(address);
    }
  }
}

/** The peer address of a socket, with IPv4-mapped IPv6 folded to IPv4. */
export function clientAddress(remoteAddress: string | undefined): string {
  if (!remoteAddress) return 'unknown';
  return remoteAddress.startsWith('::ffff:') ? remoteAddress.slice(7) : remoteAddress;
}
