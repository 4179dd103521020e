import { isDocName } from '@specboard/doc/doc-names';
import { type SyncTokenClaims, verifySyncToken } from '@specboard/doc/sync-token';

export type Authentication =
  | { ok: true; claims: SyncTokenClaims }
  | { ok: false; code: 4401 | 4403; reason: string };

/** Checks a connection's token against the document it asks for, before anything is loaded. */
export async function authenticate(
  docName: string,
  token: string | undefined,
  secret: string,
): Promise<Authentication> {
  if (!token) return { ok: false, code: 4401, reason: 'missing token' };
  const verified = await verifySyncToken(token, secret);
  if (!verified.ok) return { ok: false, code: 4401, reason: verified.message };
  if (verified.claims.doc !== docName || !isDocName(docName)) {
    return { ok: false, code: 4403, reason: 'token is for another document' };
  }
  return { ok: true, claims: verified.claims };
}
