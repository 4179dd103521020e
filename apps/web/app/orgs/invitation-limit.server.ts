import { data } from 'react-router';
import type { FieldErrors } from '../lib/field-errors.ts';
import { RateLimiter } from '../security/rate-limit.server.ts';

/**
 * Every invitation is a mail to an address the inviter chose, and anyone can own an organisation
 * by signing up: without a budget one account could make Specboard mail a stranger without end.
 * Per address (across organisations) a few an hour leaves room for "invite again"; per inviter
 * enough for onboarding a team.
 */
export const INVITATIONS_PER_ADDRESS_PER_HOUR = 3;
export const INVITATIONS_PER_INVITER_PER_HOUR = 50;

const hour = 60 * 60_000;
const perAddress = new RateLimiter(INVITATIONS_PER_ADDRESS_PER_HOUR, hour);
const perInviter = new RateLimiter(INVITATIONS_PER_INVITER_PER_HOUR, hour);

/**
 * Counts one invitation mail against both budgets; when either is spent, returns the 429 (with
 * the message the members page shows under the email field) for the action to return instead.
 */
export function spendInvitationBudget(inviterId: string, email: string) {
  const inviter = perInviter.hit(inviterId);
  const verdict = inviter.allowed ? perAddress.hit(email.toLowerCase()) : inviter;
  if (verdict.allowed) return null;
  const minutes = Math.ceil(verdict.retryAfter / 60);
  const fieldErrors: FieldErrors = {
    email: [
      `Too many invitations in a short time. Try again in ${minutes} min (at most ` +
        `${INVITATIONS_PER_ADDRESS_PER_HOUR} an hour to one address, ` +
        `${INVITATIONS_PER_INVITER_PER_HOUR} an hour per person).`,
    ],
  };
  return data(
    { ok: false as const, fieldErrors },
    { status: 429, headers: { 'Retry-After': String(verdict.retryAfter) } },
  );
}
