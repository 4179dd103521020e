import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { z } from 'zod';

/**
 * Credentials of integrations are sealed with AES-256-GCM before they reach the database. The
 * sealed form names the key that sealed it, so keys can rotate: new secrets are sealed with the
 * current key, older ones are opened with whichever retired key they name
 * (docs/decisions/016-integrations.md, "Key rotation").
 */

const FORMAT = 'v1';
const KEY_BYTES = 32;
const IV_BYTES = 12;

/** `<keyId>:<32 bytes, base64>`; the id is what a sealed secret records. */
const keySpec = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/=]+$/, 'must be <keyId>:<base64 of 32 bytes>')
  .transform((spec, ctx) => {
    const [id = '', encoded = ''] = spec.split(':');
    const key = Buffer.from(encoded, 'base64');
    if (key.length !== KEY_BYTES) {
      ctx.addIssue({ code: 'custom', message: `key ${id} must be ${KEY_BYTES} bytes (base64)` });
      return z.NEVER;
    }
    return { id, key };
  });

export interface SecretBox {
  /** Id of the key new secrets are sealed with. */
  currentKeyId: string;
  seal(plain: string): string;
  open(sealed: string): string;
  /** Id of the key `sealed` names (to find secrets still sealed with a retired key). */
  keyIdOf(sealed: string): string;
}

/** The zod schema apps use for `INTEGRATIONS_KEY`. */
export const integrationsKeySchema = keySpec;
/** The zod schema for `INTEGRATIONS_RETIRED_KEYS`: comma-separated key specs. */
export const retiredKeysSchema = z
  .string()
  .transform((list) => list.split(',').map((item) => item.trim()))
  .pipe(z.array(keySpec));

export class SecretBoxError extends Error {}

export function createSecretBox(
  current: { id: string; key: Buffer },
  retired: readonly { id: string; key: Buffer }[] = [],
): SecretBox {
  const keys = new Map([...retired, current].map((k) => [k.id, k.key]));
  const parts = (sealed: string) => {
    const [format, keyId, iv, tag, data] = sealed.split('.');
    if (format !== FORMAT || !keyId || !iv || !tag || data === undefined) {
      throw new SecretBoxError('not a sealed integration secret');
    }
    return { keyId, iv, tag, data };
  };
  return {
    currentKeyId: current.id,
    seal(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', current.key, iv);
      // The key id is authenticated too: a secret cannot be relabelled to another key.
      cipher.setAAD(Buffer.from(current.id));
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [FORMAT, current.id, iv, tag, data]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
        .join('.');
    },
    open(sealed) {
      const { keyId, iv, tag, data } = parts(sealed);
      const key = keys.get(keyId);
      if (!key) {
        throw new SecretBoxError(
          `secret is sealed with key ${keyId}, which is neither INTEGRATIONS_KEY nor in INTEGRATIONS_RETIRED_KEYS`,
        );
      }
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(keyId));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      try {
        return Buffer.concat([
          decipher.update(Buffer.from(data, 'base64url')),
          decipher.final(),
        ]).toString('utf8');
      } catch (error) {
        throw new SecretBoxError(`secret sealed with key ${keyId} failed authentication`, {
          cause: error,
        });
      }
    },
    keyIdOf(sealed) {
      return parts(sealed).keyId;
    },
  };
}
