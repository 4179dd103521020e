import { CloseCode } from '@specboard/doc/close-codes';
import { isDocName } from '@specboard/doc/doc-names';
import { type SyncTokenClaims, verifySyncToken } from '@specboard/doc/sync-token';
import type { Revocations } from './revocations.ts';

export type Authentication =
  | { ok: true; claims: SyncTokenClaims }
  | {
      ok: false;
      /** HTTP status of the refused upgrade. */
      status: 401 | 403;
      /** The close code with the same meaning, for a connection already open. */
      code:
        | typeof CloseCode.unauthenticated
        | typeof CloseCode.forbidden
        | typeof CloseCode.revoked;
      reason: string;
    };

/**
 * The one place a token is judged: signature, expiry, claims, the document it opens, and
 * revocations recorded after it was issued. Runs during the upgrade, before any socket exists,
 * and again when a live connection renews its token.
 */
export async function authenticate(
  docName: string,
  token: string | undefined,
  secret: string,
  revocations: Pick<Revocations, 'refusal'>,
): Promise<Authentication> {
  if (!token) return unauthenticated('missing token');
  const verified = await verifySyncToken(token, secret);
  if (!verified.ok) return unauthenticated(verified.message);
  if (verified.claims.doc !== docName || !isDocName(docName)) {
    return {
      ok: false,
      status: 403,
      code: CloseCode.forbidden,
      reason: 'token is for another document',
    };
  }
  const revoked = await revocations.refusal(verified.claims, docName);
  if (revoked) return { ok: false, status: 403, code: CloseCode.revoked, reason: revoked };
  return { ok: true, claims: verified.claims };
}

function unauthenticated(reason: string): Authentication {
  return { ok: false, status: 401, code: CloseCode.unauthenticated, reason };
}
