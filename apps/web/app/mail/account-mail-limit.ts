/** Verification and password-reset mails one address gets in an hour, at most (pages say so). */
export const ACCOUNT_MAILS_PER_ADDRESS_PER_HOUR = 5;
