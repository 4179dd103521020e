import { randomBytes } from 'node:crypto';
import { createContext } from 'react-router';
import { env } from '../env.server.ts';

/**
 * The nonce of this request's inline scripts, set by the root middleware; entry.server.tsx hands
 * it to React Router. Null when no route matched (the 404 page): middleware does not run then.
 */
export const cspNonceContext = createContext<string | null>(null);

export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * The Content-Security-Policy of every response. Scripts: this origin plus the nonce React
 * Router puts on its inline hydration scripts. Styles allow inline: server-rendered `style`
 * props (avatar and label colours) and the collaboration caret's `setAttribute('style', …)`
 * (y-tiptap) are style attributes, which a nonce cannot cover.
 * `connect-src` names the sync server's websocket origin. In development Vite's HMR websocket
 * is on the page's own origin, which `'self'` does not match for `ws:` in every browser.
 */
function contentSecurityPolicy(nonce: string, requestUrl: string): string {
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

/** Sets the security headers every response of the app carries. */
export function setSecurityHeaders(headers: Headers, nonce: string, requestUrl: string): void {
  headers.set('Content-Security-Policy', contentSecurityPolicy(nonce, requestUrl));
  headers.set('X-Frame-Options', 'DENY');
  headers.set('X-Content-Type-Options', 'nosniff');
  headers.set('Referrer-Policy', 'same-origin');
  if (env().NODE_ENV === 'production') {
    headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  }
}

/** A copy of `response` with the security headers (some responses have immutable headers). */
export function withSecurityHeaders(response: Response, nonce: string, request: Request): Response {
  const secured = new Response(response.body, response);
  setSecurityHeaders(secured.headers, nonce, request.url);
  return secured;
}
