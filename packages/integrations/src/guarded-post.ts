import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { type ResolvedAddress, resolvePublicAddresses } from './address-guard.ts';

export interface GuardedPostOptions {
  headers: Record<string, string>;
  body: string;
  /** Development setting: allow private and loopback addresses (local fake servers). */
  allowPrivate: boolean;
  timeoutMs?: number;
}

export interface PostResult {
  status: number;
  /** Milliseconds from sending to the end of the response. */
  elapsedMs: number;
  /** The start of the response body, for the delivery log. */
  bodyStart: string;
  retryAfter: string | null;
}

const MAX_BODY_KEPT = 2_000;

/** A lookup that answers with the addresses already checked, so DNS cannot change in between. */
function pinnedLookup(addresses: readonly ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const [first] = addresses;
    if (options.all) {
      callback(
        null,
        addresses.map((a) => ({ address: a.address, family: a.family })),
      );
    } else if (first) {
      callback(null, first.address, first.family);
    }
  };
}

/**
 * POSTs to a URL an organisation configured. The host is resolved once and every address is
 * checked (`resolvePublicAddresses`); the connection goes to those addresses only. Redirects are
 * not followed: a 3xx is reported as the response, so a public URL cannot bounce the request
 * into our network.
 */
export async function guardedPost(url: string, options: GuardedPostOptions): Promise<PostResult> {
  const target = new URL(url);
  if (target.protocol !== 'https:' && target.protocol !== 'http:') {
    throw new Error(`${target.protocol} URLs cannot receive deliveries; use https://`);
  }
  const addresses = await resolvePublicAddresses(target.hostname, options.allowPrivate);
  const client = target.protocol === 'https:' ? https : http;
  const started = performance.now();
  return new Promise<PostResult>((resolve, reject) => {
    const request = client.request(
      target,
      {
        method: 'POST',
        headers: { ...options.headers, 'content-length': Buffer.byteLength(options.body) },
        lookup: pinnedLookup(addresses),
        timeout: options.timeoutMs ?? 10_000,
      },
      (response) => {
        let kept = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          if (kept.length < MAX_BODY_KEPT) kept += chunk.slice(0, MAX_BODY_KEPT - kept.length);
        });
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            elapsedMs: Math.round(performance.now() - started),
            bodyStart: kept,
            retryAfter: response.headers['retry-after'] ?? null,
          }),
        );
        response.on('error', reject);
      },
    );
    request.on('timeout', () =>
      request.destroy(new Error(`no response from ${target.host} within the timeout`)),
    );
    request.on('error', reject);
    request.end(options.body);
  });
}
