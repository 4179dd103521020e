import { describe, expect, it } from 'vitest';
import { parseEnv } from './env.ts';

const strong = (seed: string) => Buffer.alloc(32, seed).toString('base64');

describe('environment', () => {
  it('lists every invalid variable at once', () => {
    const result = parseEnv({
      PORT: 'abc',
      SYNC_FLUSH_MS: '-1',
      DATABASE_URL: 'nope',
      NODE_ENV: 'production',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const names = result.problems.map((problem) => problem.split(':')[0]).sort();
    expect(names).toEqual([
      'DATABASE_URL',
      'PORT',
      'SYNC_FLUSH_MS',
      'SYNC_INTERNAL_SECRET',
      'SYNC_TOKEN_SECRET',
    ]);
  });

  it('requires SYNC_TOKEN_SECRET outside development and generates one in development', () => {
    const production = parseEnv({ NODE_ENV: 'production' });
    expect(production.ok).toBe(false);
    const development = parseEnv({ NODE_ENV: 'development' });
    expect(development.ok && development.env.tokenSecretGenerated).toBe(true);
    expect(development.ok && development.env.port).toBe(1234);
    expect(development.ok && development.env.host).toBe('127.0.0.1');
    expect(development.ok && development.env.internalHost).toBe('127.0.0.1');
    expect(development.ok && development.env.internalPort).toBe(1235);
  });

  it('never reuses the token secret as the internal secret', () => {
    const test = parseEnv({ NODE_ENV: 'test', SYNC_TOKEN_SECRET: strong('t') });
    expect(test.ok && test.env.internalSecretGenerated).toBe(true);
    expect(test.ok && test.env.internalSecret).not.toBe(strong('t'));
  });

  it('refuses missing, short and placeholder secrets in production, naming each', () => {
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ SYNC_INTERNAL_SECRET: strong('i') }, 'SYNC_TOKEN_SECRET', /required/],
      [{ SYNC_TOKEN_SECRET: strong('t') }, 'SYNC_INTERNAL_SECRET', /required/],
      [
        {
          SYNC_TOKEN_SECRET: 'change-me-sync-token-secret-32-bytes',
          SYNC_INTERNAL_SECRET: strong('i'),
        },
        'SYNC_TOKEN_SECRET',
        /placeholder/,
      ],
      [
        { SYNC_TOKEN_SECRET: strong('t'), SYNC_INTERNAL_SECRET: 'too-short' },
        'SYNC_INTERNAL_SECRET',
        /at least 32 bytes/,
      ],
    ];
    for (const [secrets, name, why] of cases) {
      const result = parseEnv({ NODE_ENV: 'production', ...secrets });
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.problems).toHaveLength(1);
      expect(result.problems[0]).toMatch(new RegExp(`^${name}: `));
      expect(result.problems[0]).toMatch(why);
      expect(result.problems[0]).toContain('openssl rand -base64 32');
    }
    const accepted = parseEnv({
      NODE_ENV: 'production',
      SYNC_TOKEN_SECRET: strong('t'),
      SYNC_INTERNAL_SECRET: strong('i'),
    });
    expect(accepted.ok).toBe(true);
  });
});
