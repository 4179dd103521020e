import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSecretBox, integrationsKeySchema, retiredKeysSchema } from './secret-box.ts';

const key = (id: string) => ({ id, key: randomBytes(32) });

describe('secret box', () => {
  it('seals with the current key and opens what it sealed', () => {
    const box = createSecretBox(key('k2'));
    const sealed = box.seal('https://hooks.example.com/abc');
    expect(sealed).not.toContain('hooks.example.com');
    expect(box.keyIdOf(sealed)).toBe('k2');
    expect(box.open(sealed)).toBe('https://hooks.example.com/abc');
  });

  it('opens secrets sealed with a retired key after rotation', () => {
    const old = key('k1');
    const sealed = createSecretBox(old).seal('token');
    const rotated = createSecretBox(key('k2'), [old]);
    expect(rotated.open(sealed)).toBe('token');
    expect(rotated.keyIdOf(rotated.seal('token'))).toBe('k2');
  });

  it('names the missing key, and refuses tampered or relabelled secrets', () => {
    const sealed = createSecretBox(key('k1')).seal('token');
    expect(() => createSecretBox(key('k2')).open(sealed)).toThrow(/key k1/);
    const other = key('k1');
    expect(() => createSecretBox(other).open(sealed)).toThrow(/failed authentication/);
    const box = createSecretBox(key('a'), [key('b')]);
    const relabelled = box.seal('x').replace(/^v1\.a\./, 'v1.b.');
    expect(() => box.open(relabelled)).toThrow(/failed authentication/);
  });

  it('parses keys from the environment form <id>:<base64>', () => {
    const encoded = randomBytes(32).toString('base64');
    expect(integrationsKeySchema.parse(`k1:${encoded}`).id).toBe('k1');
    expect(
      integrationsKeySchema.safeParse(`k1:${randomBytes(16).toString('base64')}`).success,
    ).toBe(false);
    expect(retiredKeysSchema.parse(`a:${encoded}, b:${encoded}`).map((k) => k.id)).toEqual([
      'a',
      'b',
    ]);
  });
});
