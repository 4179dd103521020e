import { RateLimiter } from '../security/rate-limit.server.ts';
import { ACCOUNT_MAILS_PER_ADDRESS_PER_HOUR } from './account-mail-limit.ts';

/**
 * Verification links and password resets go to an address the requester typed, which need not
 * be theirs: the per-minute auth limiter still let one person mail an address 10 times a minute,
 * all day. Past `ACCOUNT_MAILS_PER_ADDRESS_PER_HOUR` further ones are not sent; the forms answer
 * as before, so the forgot-password form still tells nobody whether an account exists.
 */
const perAddress = new RateLimiter(ACCOUNT_MAILS_PER_ADDRESS_PER_HOUR, 60 * 60_000);

/** Counts one account mail to `address`; false when the address has had its hourly share. */
export function spendAccountMail(address: string): boolean {
  return perAddress.hit(address.trim().toLowerCase()).allowed;
}
