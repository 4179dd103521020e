/**
 * The better-auth endpoints a browser reaches over HTTP under `/api/auth`; everything else there
 * answers 404. The app's pages call better-auth on the server (`auth().api.*`), so organisation,
 * session and account management never need to be exposed. Listed: the credential endpoints
 * (the same limiter guards them as the forms), the links that arrive by email (verification,
 * password reset) and the reset form's POSTs.
 */
const browserEndpoints: readonly { method: 'GET' | 'POST'; path: RegExp }[] = [
  { method: 'POST', path: /^\/sign-in\/email$/ },
  { method: 'POST', path: /^\/sign-up\/email$/ },
  { method: 'POST', path: /^\/sign-out$/ },
  { method: 'GET', path: /^\/verify-email$/ },
  { method: 'POST', path: /^\/request-password-reset$/ },
  { method: 'GET', path: /^\/reset-password\/[^/]+$/ },
  { method: 'POST', path: /^\/reset-password$/ },
];

const AUTH_PREFIX = '/api/auth';

/** Whether `request` is for an endpoint on the allow-list above. */
export function isBrowserAuthEndpoint(request: Request): boolean {
  const { pathname } = new URL(request.url);
  if (!pathname.startsWith(`${AUTH_PREFIX}/`)) return false;
  const path = pathname.slice(AUTH_PREFIX.length);
  return browserEndpoints.some((e) => e.method === request.method && e.path.test(path));
}
