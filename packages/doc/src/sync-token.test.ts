import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { signSyncToken, verifySyncToken } from './sync-token.ts';

const secret = 'a-test-secret-that-is-long-enough-123';
const claims = {
  sub: 'user-1',
  doc: 'doc:01J00000000000000000000000',
  role: 'editor',
  org: 'org-1',
  name: 'Ada',
} as const;

describe('sync tokens', () => {
  it('round-trips claims signed with the same secret', async () => {
    const token = await signSyncToken(claims, secret, 60);
    const result = await verifySyncToken(token, secret);
    expect(result.ok && result.claims).toMatchObject(claims);
  });

  it('carries its issue time to the millisecond, for revocations', async () => {
    const before = Date.now();
    const result = await verifySyncToken(await signSyncToken(claims, secret, 60), secret);
    const issuedMs = result.ok ? result.claims.iat * 1000 : 0;
    expect(issuedMs).toBeGreaterThanOrEqual(before);
    expect(issuedMs).toBeLessThanOrEqual(Date.now());
  });

  it('refuses a token signed with another secret', async () => {
    const token = await signSyncToken(claims, `${secret}-other`, 60);
    expect(await verifySyncToken(token, secret)).toMatchObject({ ok: false, reason: 'invalid' });
  });

  it('reports an expired token as expired', async () => {
    const token = await signSyncToken(claims, secret, -10);
    expect(await verifySyncToken(token, secret)).toMatchObject({ ok: false, reason: 'expired' });
  });

  it('refuses garbage and tokens missing a claim', async () => {
    expect(await verifySyncToken('not-a-jwt', secret)).toMatchObject({ ok: false });
    const noRole = await new SignJWT({ doc: claims.doc, org: 'o', name: 'n' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u')
      .setExpirationTime('1m')
      .sign(new TextEncoder().encode(secret));
    expect(await verifySyncToken(noRole, secret)).toMatchObject({ ok: false, reason: 'invalid' });
  });

  it('refuses an unsigned (alg none) token', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    const body = Buffer.from(JSON.stringify({ ...claims, exp: 9_999_999_999 })).toString(
      'base64url',
    );
    expect(await verifySyncToken(`${header}.${body}.`, secret)).toMatchObject({ ok: false });
  });
});
