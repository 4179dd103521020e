import { isDocName } from '@specboard/doc/doc-names';
import { type SyncTokenClaims, verifySyncToken } from '@specboard/doc/sync-token';
import type { Revocations } from './revocations.ts';

export type Authentication =
  | { ok: true; claims: SyncTokenClaims }
  | { ok: false; code: 4401 | 4403 | 4409; reason: string };

/** Checks a connection's token against the document it asks for, before anything is loaded. */
export async function authenticate(
  docName: string,
  token: string | undefined,
  secret: string,
  revocations: Pick<Revocations, 'refusal'>,
): Promise<Authentication> {
  if (!token) return { ok: false, code: 4401, reason: 'missing token' };
  const verified = await verifySyncToken(token, secret);
  if (!verified.ok) return { ok: false, code: 4401, reason: verified.message };
  if (verified.claims.doc !== docName || !isDocName(docName)) {
    return { ok: false, code: 4403, reason: 'token is for another document' };
  }
  const revoked = await revocations.refusal(verified.claims, docName);
  if (revoked) return { ok: false, code: 4409, reason: revoked };
  return { ok: true, claims: verified.claims };
}
