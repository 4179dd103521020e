import { describe, expect, it } from 'vitest';
import { parseEnv } from './env.server.ts';

const strong = (seed: string) => Buffer.alloc(32, seed).toString('base64');
const base = {
  DATABASE_URL: 'postgres://specboard@127.0.0.1:5432/specboard',
  SYNC_PUBLIC_URL: 'ws://127.0.0.1:1234',
};

function problemsOf(source: Record<string, string>): string[] {
  try {
    parseEnv(source);
    return [];
  } catch (error) {
    return String(error instanceof Error ? error.message : error)
      .split('\n')
      .slice(1)
      .map((line) => line.trim());
  }
}

describe('web environment', () => {
  it('refuses placeholder, short and missing secrets in production, naming each', () => {
    const problems = problemsOf({
      ...base,
      NODE_ENV: 'production',
      BETTER_AUTH_SECRET: 'change-me-auth-secret-at-least-32-bytes',
      SYNC_TOKEN_SECRET: 'short',
    });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^BETTER_AUTH_SECRET: is a placeholder/);
    expect(problems[1]).toMatch(/^SYNC_TOKEN_SECRET: must be at least 32 bytes/);
    expect(problemsOf({ ...base, NODE_ENV: 'production' })).toEqual([
      expect.stringMatching(/^BETTER_AUTH_SECRET: required in production/),
      expect.stringMatching(/^SYNC_TOKEN_SECRET: required in production/),
    ]);
  });

  it('accepts real secrets in production', () => {
    const env = parseEnv({
      ...base,
      NODE_ENV: 'production',
      BETTER_AUTH_SECRET: strong('a'),
      SYNC_TOKEN_SECRET: strong('s'),
    });
    expect(env.NODE_ENV).toBe('production');
  });

  it('takes an smtp:// or smtps:// SMTP_URL, and mail goes to the dev outbox without one', () => {
    const dev = { ...base, BETTER_AUTH_SECRET: strong('a'), SYNC_TOKEN_SECRET: strong('s') };
    expect(parseEnv(dev).SMTP_URL).toBeUndefined();
    expect(parseEnv({ ...dev, SMTP_URL: 'smtps://u:p@smtp.example.com:465' }).SMTP_URL).toBe(
      'smtps://u:p@smtp.example.com:465',
    );
    expect(problemsOf({ ...dev, SMTP_URL: 'https://smtp.example.com' })).toEqual([
      'SMTP_URL: must be an smtp:// or smtps:// URL',
    ]);
  });

  it('knows whether the worker has an AI endpoint without keeping the key', () => {
    const dev = { ...base, BETTER_AUTH_SECRET: strong('a'), SYNC_TOKEN_SECRET: strong('s') };
    expect(parseEnv(dev).AI_ENDPOINT_CONFIGURED).toBe(false);
    expect(parseEnv({ ...dev, OPENAI_API_KEY: '' }).AI_ENDPOINT_CONFIGURED).toBe(false);
    const keyed = parseEnv({ ...dev, OPENAI_API_KEY: 'sk-test-secret' });
    expect(keyed.AI_ENDPOINT_CONFIGURED).toBe(true);
    expect(JSON.stringify(keyed)).not.toContain('sk-test-secret');
    const local = parseEnv({ ...dev, OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1' });
    expect(local.AI_ENDPOINT_CONFIGURED).toBe(true);
  });
});
