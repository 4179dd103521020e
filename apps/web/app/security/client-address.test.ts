import { describe, expect, it } from 'vitest';
import { isBrowserAuthEndpoint } from './auth-endpoints.server.ts';
import { clientAddress, PEER_ADDRESS_HEADER } from './client-address.server.ts';

function requestFrom(peer: string, forwardedFor?: string): Request {
  const headers = new Headers({ [PEER_ADDRESS_HEADER]: peer });
  if (forwardedFor) headers.set('x-forwarded-for', forwardedFor);
  return new Request('http://specboard.test/sign-in', { headers });
}

describe('clientAddress', () => {
  it('is the TCP peer when no proxy is trusted, whatever X-Forwarded-For claims', () => {
    expect(clientAddress(requestFrom('192.0.2.7', '203.0.113.1'), 0)).toBe('192.0.2.7');
    expect(clientAddress(requestFrom('192.0.2.7', '203.0.113.1, 203.0.113.2'), 0)).toBe(
      '192.0.2.7',
    );
  });

  it('behind one proxy, is the entry that proxy appended, not what the client prepended', () => {
    const request = requestFrom('10.0.0.2', 'spoofed-by-client, 198.51.100.9');
    expect(clientAddress(request, 1)).toBe('198.51.100.9');
  });

  it('behind two proxies, is the second entry from the right', () => {
    const request = requestFrom('10.0.0.3', 'spoofed, 198.51.100.9, 10.0.0.2');
    expect(clientAddress(request, 2)).toBe('198.51.100.9');
  });

  it('falls back to the peer when a trusted proxy sent no X-Forwarded-For', () => {
    expect(clientAddress(requestFrom('10.0.0.2'), 1)).toBe('10.0.0.2');
  });
});

describe('isBrowserAuthEndpoint', () => {
  const allowed = (method: string, path: string) =>
    isBrowserAuthEndpoint(new Request(`http://specboard.test${path}`, { method }));

  it('lets through what a browser needs', () => {
    expect(allowed('POST', '/api/auth/sign-in/email')).toBe(true);
    expect(allowed('GET', '/api/auth/verify-email?token=x')).toBe(true);
    expect(allowed('GET', '/api/auth/reset-password/abc123?callbackURL=/reset')).toBe(true);
    expect(allowed('POST', '/api/auth/request-password-reset')).toBe(true);
  });

  it('refuses the rest, and the allowed paths with another method', () => {
    expect(allowed('GET', '/api/auth/get-session')).toBe(false);
    expect(allowed('POST', '/api/auth/organization/set-active')).toBe(false);
    expect(allowed('GET', '/api/auth/sign-in/email')).toBe(false);
    expect(allowed('POST', '/api/auth/sign-in/email/extra')).toBe(false);
    expect(allowed('POST', '/api/auth/reset-password/abc/def')).toBe(false);
  });
});
