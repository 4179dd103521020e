import { describe, expect, it } from 'vitest';
import { redactUrl } from './access-log.ts';

describe('access log URLs', () => {
  it('keeps paths and parameter names, never their values', () => {
    expect(redactUrl('/reset-password?token=s3cr3t')).toBe('/reset-password?token=…');
    expect(redactUrl('/invitations/01J?token=abc&x=1&token=def')).toBe(
      '/invitations/01J?token=…&x=…',
    );
    expect(redactUrl('/api/auth/verify-email?token=a.b.c&callbackURL=%2Forgs')).toBe(
      '/api/auth/verify-email?token=…&callbackURL=…',
    );
  });

  it('hides the token of the password-reset link in the path', () => {
    expect(redactUrl('/api/auth/reset-password/3qflHyB8jnTG?callbackURL=%2Freset')).toBe(
      '/api/auth/reset-password/…?callbackURL=…',
    );
  });

  it('leaves a URL without a query as it is', () => {
    expect(redactUrl('/orgs/01J/projects')).toBe('/orgs/01J/projects');
    expect(redactUrl('/orgs?')).toBe('/orgs');
  });
});
