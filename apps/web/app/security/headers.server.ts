import { randomBytes } from 'node:crypto';
import { createContext } from 'react-router';
import { env } from '../env.server.ts';

/** The nonce of this request's inline scripts; entry.server.tsx hands it to React Router. */
export const cspNonceContext = createContext<string>();

export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * The Content-Security-Policy of every response. Scripts: this origin plus the nonce React
 * Router puts on its inline hydration scripts. Styles allow inline: ProseMirror and the
 * collaboration caret set `style` attributes (caret colours), which a nonce cannot cover.
 * `connect-src` names the sync server's websocket origin. In development Vite's HMR websocket
 * is on the page's own origin, which `'self'` does not match for `ws:` in every browser.
 */
export function contentSecurityPolicy(nonce: string, requestUrl: string): string {
  const config = env();
  const connect = ["'self'", new URL(config.SYNC_PUBLIC_URL).origin];
  if (config.NODE_ENV === 'development') {
    const page = new URL(requestUrl);
    connect.push(`${page.protocol === 'https:' ? 'wss' : 'ws'}://${page.host}`);
  }
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${connect.join(' ')}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** `response` with the security headers every response of the app carries. */
export function withSecurityHeaders(response: Response, nonce: string, request: Request): Response {
  // A copy: some responses (Response.redirect, fetched ones) have immutable headers.
  const secured = new Response(response.body, response);
  const headers = secured.headers;
  headers.set('Content-Security-Policy', contentSecurityPolicy(nonce, request.url));
  headers.set('X-Frame-Options', 'DENY');
  headers.set('X-Content-Type-Options', 'nosniff');
  headers.set('Referrer-Policy', 'same-origin');
  if (env().NODE_ENV === 'production') {
    headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  }
  return secured;
}
