import { APIError } from 'better-auth/api';
import { data, redirect } from 'react-router';
import type { FieldErrors } from '../lib/field-errors.ts';
import { invalid, parseForm, readForm } from '../lib/validation.server.ts';
import { logger } from '../logger.server.ts';
import {
  type AttemptVerdict,
  authAttempt,
  tooManyAttemptsMessage,
} from '../security/auth-limit.server.ts';
import { authHeaders } from '../security/client-address.server.ts';
import { assertSameOrigin } from '../security/origin.server.ts';
import { auth } from './auth.server.ts';
import { signInSchema, signUpSchema } from './credentials.ts';
import { safeRedirect } from './session.server.ts';

export async function signInAction(request: Request) {
  assertSameOrigin(request);
  const parsed = parseForm(await readForm(request), signInSchema);
  if (!parsed.ok) return invalid(parsed.fieldErrors);
  const { email, password, redirectTo } = parsed.value;
  const verdict = authAttempt(request, email);
  if (!verdict.allowed) return tooManyAttempts(verdict);
  try {
    const { headers } = await auth().api.signInEmail({
      body: { email, password },
      headers: authHeaders(request),
      returnHeaders: true,
    });
    return redirect(safeRedirect(redirectTo ?? null), { headers });
  } catch (error) {
    if (error instanceof APIError && error.statusCode < 500) {
      return data(
        {
          ok: false as const,
          fieldErrors: { form: ['That email and password do not match.'] } as FieldErrors,
        },
        { status: 401 },
      );
    }
    throw new Error('sign-in failed', { cause: error });
  }
}

export async function signUpAction(request: Request) {
  assertSameOrigin(request);
  const parsed = parseForm(await readForm(request), signUpSchema);
  if (!parsed.ok) return invalid(parsed.fieldErrors);
  const { name, email, password, redirectTo } = parsed.value;
  const next = safeRedirect(redirectTo ?? null, '/orgs');
  const verdict = authAttempt(request, email);
  if (!verdict.allowed) return tooManyAttempts(verdict);
  try {
    // The verification link signs in and returns to `next`, wherever it is opened.
    const { headers } = await auth().api.signUpEmail({
      body: { name, email, password, callbackURL: next },
      headers: authHeaders(request),
      returnHeaders: true,
    });
    logger().info({ email }, 'user signed up');
    return redirect(`/check-email?redirectTo=${encodeURIComponent(next)}`, { headers });
  } catch (error) {
    if (error instanceof APIError && error.statusCode < 500) {
      return invalid({ email: ['An account with this email already exists. Sign in instead.'] });
    }
    throw new Error('sign-up failed', { cause: error });
  }
}

/** The form's error naming the wait, with the status and header an API client would get. */
export function tooManyAttempts(verdict: Extract<AttemptVerdict, { allowed: false }>) {
  return data(
    {
      ok: false as const,
      fieldErrors: { form: [tooManyAttemptsMessage(verdict.retryAfter)] } as FieldErrors,
    },
    { status: 429, headers: { 'Retry-After': String(verdict.retryAfter) } },
  );
}
