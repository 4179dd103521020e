import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { env } from '../env.server.ts';
import { logger } from '../logger.server.ts';

/**
 * The TCP peer of the request, written by this process onto every incoming request before any
 * handler sees it. Neither our express server (`server.ts`) nor the Vite dev server hands the
 * socket to the app, but both build the Fetch `Request` from Node's `req.headers`, so a value set
 * there arrives with the request; a client that sends this header itself has it overwritten.
 */
export const PEER_ADDRESS_HEADER = 'x-specboard-peer-address';

/**
 * The client address the app decided on, set on the headers handed to better-auth, which reads
 * only this header (`advanced.ipAddress.ipAddressHeaders`) for its limiter and session records.
 */
export const CLIENT_ADDRESS_HEADER = 'x-specboard-client-address';

const requestStart = z.object({
  request: z.custom<IncomingMessage>((value) => typeof value === 'object' && value !== null),
});

const installed = Symbol.for('specboard.peer-address-hook');

/**
 * Subscribes to Node's `http.server.request.start` channel, published for every request of every
 * `node:http` server in this process just before its `request` event. Idempotent: the dev server
 * re-evaluates server modules on change.
 */
export function recordPeerAddresses(): void {
  const holder: Record<symbol, boolean> = globalThis;
  if (holder[installed]) return;
  holder[installed] = true;
  subscribe('http.server.request.start', (message) => {
    const parsed = requestStart.safeParse(message);
    if (!parsed.success) return;
    const { request } = parsed.data;
    request.headers[PEER_ADDRESS_HEADER] = request.socket.remoteAddress ?? 'unknown';
  });
}

/**
 * Who sent the request. With `TRUSTED_PROXY_HOPS=0` that is the TCP peer, whatever
 * `X-Forwarded-For` says. Behind N proxies that each append their peer, the Nth entry from the
 * right was written by the outermost trusted proxy; entries left of it are the client's own.
 * `unknown` when the request did not come through this process's HTTP server (direct calls).
 */
export function clientAddress(request: Request, hops = env().TRUSTED_PROXY_HOPS): string {
  const peer = request.headers.get(PEER_ADDRESS_HEADER) ?? unknownPeer();
  if (hops === 0) return peer;
  const forwarded = (request.headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  return forwarded[Math.max(0, forwarded.length - hops)] ?? peer;
}

let warned = false;

/** Requests without a recorded peer share one bucket; said once, since limits then bite early. */
function unknownPeer(): string {
  if (!warned) {
    warned = true;
    logger().warn('a request arrived without a recorded peer address; limits share one bucket');
  }
  return 'unknown';
}

/** The request's headers for a better-auth call, carrying the address the app trusts. */
export function authHeaders(request: Request): Headers {
  const headers = new Headers(request.headers);
  headers.set(CLIENT_ADDRESS_HEADER, clientAddress(request));
  return headers;
}
