import { describe, expect, it } from 'vitest';
import { parseEnv } from './env.ts';

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
    expect(names).toEqual(['DATABASE_URL', 'PORT', 'SYNC_FLUSH_MS', 'SYNC_TOKEN_SECRET']);
  });

  it('requires SYNC_TOKEN_SECRET outside development and generates one in development', () => {
    const production = parseEnv({ NODE_ENV: 'production' });
    expect(production.ok).toBe(false);
    const development = parseEnv({ NODE_ENV: 'development' });
    expect(development.ok && development.env.tokenSecretGenerated).toBe(true);
    expect(development.ok && development.env.port).toBe(1234);
    expect(development.ok && development.env.host).toBe('127.0.0.1');
  });
});
