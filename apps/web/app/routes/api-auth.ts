import { auth } from '../auth/auth.server.ts';
import { notFound } from '../lib/http.server.ts';
import { isBrowserAuthEndpoint } from '../security/auth-endpoints.server.ts';
import { authAttempt, tooManyAttemptsMessage } from '../security/auth-limit.server.ts';
import { authHeaders } from '../security/client-address.server.ts';
import { assertSameOrigin } from '../security/origin.server.ts';
import type { Route } from './+types/api-auth.ts';

// better-auth's own HTTP endpoints, only those on the allow-list (the app's forms call its API
// on the server instead). Every POST goes through the same limiter as the forms.
export async function loader({ request }: Route.LoaderArgs) {
  if (!isBrowserAuthEndpoint(request)) throw notFound();
  return auth().handler(forAuth(request));
}

export async function action({ request }: Route.ActionArgs) {
  if (!isBrowserAuthEndpoint(request)) throw notFound();
  // better-auth checks Origin only when the request carries cookies: another site could sign a
  // visitor in to the attacker's account (login CSRF) through sign-in/email.
  assertSameOrigin(request);
  const verdict = authAttempt(request, await emailOf(request));
  if (!verdict.allowed) {
    return Response.json(
      { code: 'TOO_MANY_ATTEMPTS', message: tooManyAttemptsMessage(verdict.retryAfter) },
      { status: 429, headers: { 'Retry-After': String(verdict.retryAfter) } },
    );
  }
  return auth().handler(forAuth(request));
}

function forAuth(request: Request): Request {
  return new Request(request, { headers: authHeaders(request) });
}

/** The account a POST names, read from a copy of its body (already size-checked upstream). */
async function emailOf(request: Request): Promise<string | undefined> {
  const type = request.headers.get('content-type') ?? '';
  const copy = request.clone();
  try {
    if (type.includes('application/json')) {
      const body: unknown = await copy.json();
      if (typeof body === 'object' && body !== null && 'email' in body) {
        return typeof body.email === 'string' ? body.email : undefined;
      }
      return undefined;
    }
    if (type.includes('form')) {
      const email = (await copy.formData()).get('email');
      return typeof email === 'string' ? email : undefined;
    }
  } catch {
    // An unreadable body names no account; better-auth answers it with its own 400.
  }
  return undefined;
}
