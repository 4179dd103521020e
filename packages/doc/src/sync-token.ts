import { errors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { syncRoles } from './doc-names.ts';

/** Claims of the token the web app mints for one sync connection (ARCHITECTURE.md §4). */
export const syncTokenClaimsSchema = z.object({
  /** User id. */
  sub: z.string().min(1),
  /** The one doc name this token opens. */
  doc: z.string().min(1),
  role: z.enum(syncRoles),
  org: z.string().min(1),
  /** Display name, shown to others through presence. */
  name: z.string(),
  /** Expiry, seconds since the epoch. */
  exp: z.number().int().positive(),
  /**
   * Issue time, seconds since the epoch with millisecond precision (a JWT NumericDate may be
   * fractional): a revocation refuses tokens issued before it, and whole seconds would make a
   * token minted just after a revocation indistinguishable from one minted just before.
   */
  iat: z.number().positive(),
});
export type SyncTokenClaims = z.infer<typeof syncTokenClaimsSchema>;

const algorithm = 'HS256';

function keyOf(secret: string): Uint8Array {
  if (secret.length < 32) throw new Error('sync token secret must be at least 32 characters');
  return new TextEncoder().encode(secret);
}

/** Signs a token valid for `ttlSeconds` from now; `exp` and `iat` are computed here. */
export async function signSyncToken(
  claims: Omit<SyncTokenClaims, 'exp' | 'iat'>,
  secret: string,
  ttlSeconds: number,
): Promise<string> {
  const { sub, doc, role, org, name } = syncTokenClaimsSchema
    .omit({ exp: true, iat: true })
    .parse(claims);
  const now = Date.now();
  return new SignJWT({ doc, role, org, name })
    .setProtectedHeader({ alg: algorithm })
    .setSubject(sub)
    .setIssuedAt(now / 1000)
    .setExpirationTime(Math.floor(now / 1000) + ttlSeconds)
    .sign(keyOf(secret));
}

export type SyncTokenFailure = 'expired' | 'invalid';

export type SyncTokenResult =
  | { ok: true; claims: SyncTokenClaims }
  | { ok: false; reason: SyncTokenFailure; message: string };

/** Verifies signature, algorithm, expiry and claim shapes; never throws for a bad token. */
export async function verifySyncToken(token: string, secret: string): Promise<SyncTokenResult> {
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), { algorithms: [algorithm] });
    const parsed = syncTokenClaimsSchema.safeParse(payload);
    if (!parsed.success) return { ok: false, reason: 'invalid', message: 'token claims invalid' };
    return { ok: true, claims: parsed.data };
  } catch (error) {
    if (error instanceof errors.JWTExpired) {
      return { ok: false, reason: 'expired', message: 'token expired' };
    }
    if (error instanceof errors.JOSEError) {
      return { ok: false, reason: 'invalid', message: 'token invalid' };
    }
    throw new Error('sync token verification failed', { cause: error });
  }
}
