import { describe, expect, it } from 'vitest';
import { isForbiddenAddress, resolvePublicAddresses } from './address-guard.ts';

describe('address guard', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.20.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fd00::1',
    'fe80::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:a9fe:a9fe',
    '[::1]',
  ])('refuses %s', (address) => {
    expect(isForbiddenAddress(address)).toBe(true);
  });

  it.each(['93.184.215.14', '2606:4700::1111', '::ffff:8.8.8.8'])('allows %s', (address) => {
    expect(isForbiddenAddress(address)).toBe(false);
  });

  it('refuses a name that resolves to loopback unless private addresses are allowed', async () => {
    await expect(resolvePublicAddresses('localhost', false)).rejects.toThrow(
      /localhost resolves to .* private, loopback or reserved/,
    );
    await expect(resolvePublicAddresses('localhost', true)).resolves.not.toHaveLength(0);
    await expect(resolvePublicAddresses('[::ffff:10.0.0.1]', false)).rejects.toThrow(/10\.0\.0\.1/);
  });
});
