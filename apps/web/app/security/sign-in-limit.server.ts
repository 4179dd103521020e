import { env } from '../env.server.ts';
import { RateLimiter } from './rate-limit.server.ts';

/** A shared office address may hold many people: it gets this many times an account's budget. */
const ADDRESS_BUDGET_FACTOR = 5;

let perAccount: RateLimiter | undefined;
let perAddress: RateLimiter | undefined;

/**
 * `X-Forwarded-For` is set by whoever sends the request, so it only counts behind a proxy that
 * overwrites it (`TRUST_PROXY=true`); without it there is no address to limit on.
 */
function clientAddress(request: Request): string | undefined {
  if (!env().TRUST_PROXY) return undefined;
  return request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() || undefined;
}

/**
 * Counts a sign-in attempt against the account (so rotating addresses does not help a password
 * guesser) and against the client address (so one client cannot spray many accounts).
 */
export function signInAttempt(
  request: Request,
  email: string,
): { allowed: true } | { allowed: false; retryAfter: number } {
  const limit = env().SIGN_IN_ATTEMPTS_PER_MINUTE;
  perAccount ??= new RateLimiter(limit, 60_000);
  perAddress ??= new RateLimiter(limit * ADDRESS_BUDGET_FACTOR, 60_000);
  const address = clientAddress(request);
  const verdicts = [
    perAccount.hit(email.trim().toLowerCase()),
    ...(address ? [perAddress.hit(address)] : []),
  ];
  const refused = verdicts.filter((v) => !v.allowed);
  if (refused.length === 0) return { allowed: true };
  return { allowed: false, retryAfter: Math.max(...refused.map((v) => v.retryAfter)) };
}
