import { APIError } from 'better-auth/api';
import { data, redirect } from 'react-router';
import { env } from '../env.server.ts';
import type { FieldErrors } from '../lib/field-errors.ts';
import { invalid, parseForm, readForm } from '../lib/validation.server.ts';
import { authAttempt } from '../security/auth-limit.server.ts';
import { authHeaders } from '../security/client-address.server.ts';
import { assertSameOrigin } from '../security/origin.server.ts';
import { auth } from './auth.server.ts';
import { forgotPasswordSchema, resetPasswordSchema } from './credentials.ts';
import { requireUser, safeRedirect } from './session.server.ts';
import { tooManyAttempts } from './sign-in.server.ts';

/** Whether mail lands in the dev outbox page rather than a real inbox. */
export function devOutboxShown(): boolean {
  const config = env();
  return !config.SMTP_URL && config.NODE_ENV !== 'production';
}

export async function checkEmailLoader(request: Request) {
  const user = await requireUser(request);
  const next = safeRedirect(new URL(request.url).searchParams.get('redirectTo'), '/orgs');
  return { email: user.email, verified: user.emailVerified, next, devOutbox: devOutboxShown() };
}

/**
 * Mails a fresh verification link that brings the user back to `redirectTo`. Counted like every
 * auth POST: an account signed up with someone else's address cannot flood their inbox.
 */
export async function resendVerificationAction(request: Request) {
  assertSameOrigin(request);
  const user = await requireUser(request);
  const next = safeRedirect((await readForm(request)).get('redirectTo'), '/orgs');
  if (user.emailVerified) throw redirect(next);
  const verdict = authAttempt(request, user.email);
  if (!verdict.allowed) return tooManyAttempts(verdict);
  await auth().api.sendVerificationEmail({
    body: { email: user.email, callbackURL: next },
    headers: authHeaders(request),
  });
  return { sent: true as const };
}

/** Always the same answer, so the form does not tell who has an account. */
export async function forgotPasswordAction(request: Request) {
  assertSameOrigin(request);
  const parsed = parseForm(await readForm(request), forgotPasswordSchema);
  if (!parsed.ok) return invalid(parsed.fieldErrors);
  const verdict = authAttempt(request, parsed.value.email);
  if (!verdict.allowed) return tooManyAttempts(verdict);
  await auth().api.requestPasswordReset({
    body: { email: parsed.value.email, redirectTo: '/reset-password' },
    headers: authHeaders(request),
  });
  return { ok: true as const, email: parsed.value.email, fieldErrors: undefined };
}

/** better-auth sends the mailed link here with `?token=…`, or `?error=INVALID_TOKEN`. */
export function resetPasswordLoader(request: Request) {
  const params = new URL(request.url).searchParams;
  return { token: params.get('error') ? null : params.get('token') };
}

export async function resetPasswordAction(request: Request) {
  assertSameOrigin(request);
  const parsed = parseForm(await readForm(request), resetPasswordSchema);
  if (!parsed.ok) return invalid(parsed.fieldErrors);
  const verdict = authAttempt(request, undefined);
  if (!verdict.allowed) return tooManyAttempts(verdict);
  try {
    await auth().api.resetPassword({
      body: { token: parsed.value.token, newPassword: parsed.value.password },
      headers: authHeaders(request),
    });
  } catch (error) {
    if (error instanceof APIError && error.statusCode < 500) {
      return data(
        {
          ok: false as const,
          fieldErrors: {
            form: ['This link has expired or was used already. Ask for a new one.'],
          } as FieldErrors,
        },
        { status: 400 },
      );
    }
    throw new Error('password reset failed', { cause: error });
  }
  return redirect('/sign-in?reset=done');
}
