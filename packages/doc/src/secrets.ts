/**
 * The rule every app's env applies to its secrets in production (README, Sync server): present,
 * at least 32 bytes, and not a placeholder that ships with this repository.
 */

export const MIN_SECRET_BYTES = 32;

/**
 * Values docker-compose.yml used to default to; never a real secret. Any `change-me…` value is
 * refused too, so a new placeholder in the style of these is caught without listing it here.
 */
export const placeholderSecrets: readonly string[] = [
  'change-me-sync-token-secret-32-bytes',
  'change-me-auth-secret-at-least-32-bytes',
];

const generate = 'generate one with `openssl rand -base64 32`';

/** Why `value` cannot be the production secret `name`, or null when it can. */
export function secretProblem(name: string, value: string | undefined): string | null {
  if (value === undefined || value === '') return `${name}: required in production (${generate})`;
  if (placeholderSecrets.includes(value) || /^change-?me/i.test(value)) {
    return `${name}: is a placeholder from this repository; ${generate}`;
  }
  if (new TextEncoder().encode(value).length < MIN_SECRET_BYTES) {
    return `${name}: must be at least ${MIN_SECRET_BYTES} bytes; ${generate}`;
  }
  return null;
}

/** Every problem with the named secrets of `source` when `nodeEnv` is production; else none. */
export function productionSecretProblems(
  nodeEnv: string | undefined,
  source: Record<string, string | undefined>,
  names: readonly string[],
): string[] {
  if (nodeEnv !== 'production') return [];
  return names.flatMap((name) => secretProblem(name, source[name]) ?? []);
}
