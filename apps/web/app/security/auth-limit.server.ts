import { env } from '../env.server.ts';
import { clientAddress } from './client-address.server.ts';
import { RateLimiter } from './rate-limit.server.ts';

/** A shared office address may hold many people: it gets this many times an account's budget. */
const ADDRESS_BUDGET_FACTOR = 5;

export type AttemptVerdict = { allowed: true } | { allowed: false; retryAfter: number };

let perAccount: RateLimiter | undefined;
let perAddress: RateLimiter | undefined;

/**
 * The one limiter for every auth POST — the sign-in and sign-up forms, better-auth's own
 * endpoints under `/api/auth/*` (password reset included) — so no path has a budget of its own.
 * Counts against the account when the request names one (rotating addresses does not help a
 * password guesser) and always against the client address (one client cannot spray accounts).
 * The address comes from `clientAddress`, which no request header can choose unless a trusted
 * proxy is configured.
 */
export function authAttempt(request: Request, email: string | undefined): AttemptVerdict {
  const limit = env().SIGN_IN_ATTEMPTS_PER_MINUTE;
  perAccount ??= new RateLimiter(limit, 60_000);
  perAddress ??= new RateLimiter(limit * ADDRESS_BUDGET_FACTOR, 60_000);
  const account = email?.trim().toLowerCase();
  const verdicts = [
    perAddress.hit(clientAddress(request)),
    ...(account ? [perAccount.hit(account)] : []),
  ];
  const refused = verdicts.flatMap((v) => (v.allowed ? [] : [v.retryAfter]));
  if (refused.length === 0) return { allowed: true };
  return { allowed: false, retryAfter: Math.max(...refused) };
}

/** What a refused attempt is told: the wait, in words a person reads. */
export function tooManyAttemptsMessage(retryAfter: number): string {
  const wait = retryAfter === 1 ? '1 second' : `${retryAfter} seconds`;
  return `Too many attempts. Try again in ${wait}.`;
}
