import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface DevSecrets {
  auth: string;
  sync: string;
  internal: string;
  /** INTEGRATIONS_KEY: `<keyId>:<32 bytes base64>`. */
  integrations: string;
}

/**
 * Secrets generated once per checkout (kept in `dataDir`, never printed), so sessions survive a
 * restart of `pnpm dev` or `pnpm cluster`; one missing from an older file is added.
 */
export async function devSecrets(dataDir: string): Promise<DevSecrets> {
  const file = join(dataDir, 'dev-secrets.json');
  const fresh = () => randomBytes(32).toString('hex');
  const stored: Partial<DevSecrets> = existsSync(file)
    ? JSON.parse(await readFile(file, 'utf8'))
    : {};
  const secrets = {
    auth: stored.auth ?? fresh(),
    sync: stored.sync ?? fresh(),
    internal: stored.internal ?? fresh(),
    integrations: stored.integrations ?? `dev:${randomBytes(32).toString('base64')}`,
  };
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}
